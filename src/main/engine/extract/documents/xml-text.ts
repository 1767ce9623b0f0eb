// Small XML reading helpers for document containers (metadata fields, attribute lists) on htmlparser2's XML mode.
import { Parser } from 'htmlparser2'

/** An element's name and attributes, as met in document order. */
export interface XmlElement {
  name: string
  attributes: Record<string, string>
  /** Text directly and indirectly inside the element (entities decoded, white space collapsed). */
  text: string
}

/**
 * The elements of `xml` whose qualified name ("dc:title") is in `names`, with their attributes and text; with
 * `anyPrefix`, elements are matched by local name whatever their prefix ("EncryptionMethod" finds "enc:EncryptionMethod")
 * and reported under that local name. Never throws for malformed XML; elements nested in one another are each reported.
 */
export function xmlElements(xml: string, names: ReadonlySet<string>, anyPrefix = false): XmlElement[] {
  const found: XmlElement[] = []
  const open: XmlElement[] = []
  const parser = new Parser(
    {
      onopentag(qualified, attributes) {
        const name = anyPrefix ? localName(qualified) : qualified
        if (!names.has(name)) return
        const element = { name, attributes, text: '' }
        found.push(element)
        open.push(element)
      },
      ontext(text) {
        for (const element of open) element.text += text
      },
      onclosetag(qualified) {
        const name = anyPrefix ? localName(qualified) : qualified
        const at = names.has(name) ? open.map((element) => element.name).lastIndexOf(name) : -1
        if (at !== -1) open.splice(at, 1)
      }
    },
    { xmlMode: true, decodeEntities: true }
  )
  parser.end(xml)
  for (const element of found) element.text = element.text.replace(/\s+/g, ' ').trim()
  return found
}

function localName(qualified: string): string {
  return qualified.slice(qualified.indexOf(':') + 1)
}

/** The text of the first element named `name` that has any, else undefined. */
export function firstText(elements: readonly XmlElement[], name: string): string | undefined {
  return elements.find((element) => element.name === name && element.text !== '')?.text
}

/** The texts of every element named `name`, non-empty, in order. */
export function allTexts(elements: readonly XmlElement[], name: string): string[] {
  return elements.filter((element) => element.name === name && element.text !== '').map((element) => element.text)
}
