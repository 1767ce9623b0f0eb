// Typographic apostrophes inside words written as ', as the full-text index needs them to read the word: Apple’s -> Apple's.

/** An apostrophe written as a right single quotation mark or a modifier letter (ʼ), between a letter or digit and a letter. */
const TYPOGRAPHIC_APOSTROPHE = /(?<=[\p{L}\p{N}])[\u2019\u02BC](?=\p{L})/gu

/**
 * `text` with the typographic apostrophes inside its words written as ' (same length, so offsets stay). The full-text
 * index's analyser strips a possessive only after ', and keeps ’ as part of the word: "Apple's" is indexed as appl, the
 * word "apple" is, but "Apple’s", as notes written in a word processor or on a phone spell it, as apple’, which no
 * query for "apple" reaches. Quotation marks (‘word’, a closing ’ before a space) are left as they are.
 */
export function withStraightApostrophes(text: string): string {
  return text.replace(TYPOGRAPHIC_APOSTROPHE, "'")
}
