// The OpenAPI 3.1 document of the local HTTP API, generated from the same zod schemas that validate requests and shape answers.
import { z } from 'zod'
import { errorOutput, noteListOutput, noteTextOutput, relatedOutput, searchOutput, statusOutput } from '../wire'
import { ROUTES, type ParamSpec, type Route } from './routes'

const COMPONENTS = { SearchResult: searchOutput, RelatedResult: relatedOutput, NoteText: noteTextOutput, Status: statusOutput, NoteList: noteListOutput, Error: errorOutput }

/** JSON Schema (2020-12, the dialect of OpenAPI 3.1) of a zod schema, without its own $schema key. */
function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
  return rest
}

function parameter(route: Route, spec: ParamSpec, position: 'query' | 'path') {
  const field = route.input?.shape[spec.field] as z.ZodType | undefined
  const schema = field ? jsonSchema(field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field) : { type: 'string', description: 'Note id: the base64url of the note path (the id field of a hit)' }
  const description = typeof schema.description === 'string' ? schema.description : undefined
  const documented = spec.kind === 'list' ? { type: 'string', description: `${description ?? ''} Comma-separated, or the parameter repeated.`.trim() } : schema
  return {
    name: spec.name,
    in: position,
    required: position === 'path' || spec.required === true,
    ...(description ? { description } : {}),
    schema: documented,
    ...(spec.kind === 'list' ? { explode: true } : {})
  }
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } })

/** The document served at /v1/openapi.json; `serverUrl` is where this server listens. */
export function openApiDocument(serverUrl: string, version: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {}
  for (const route of ROUTES) {
    const params = route.params.map((spec) => parameter(route, spec, 'query'))
    if (route.path.includes('{id}')) params.unshift(parameter(route, { name: 'id', field: 'id', kind: 'text' }, 'path'))
    paths[route.path] = {
      get: {
        operationId: route.path.replace('/v1/', '').replace('/{id}', 'ById').replace(/\W/g, '_'),
        summary: route.summary,
        parameters: params,
        responses: {
          '200': { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.output}` } } } },
          '400': errorResponse('Malformed request: the message names the parameter'),
          '401': errorResponse('Missing or wrong bearer token'),
          '403': errorResponse('Foreign Host or Origin, or a note outside the indexed folders'),
          '404': errorResponse('No such note or endpoint'),
          '429': errorResponse('Too many requests: wait for Retry-After seconds'),
          '503': errorResponse('The index cannot be read right now')
        }
      }
    }
  }
  paths['/v1/openapi.json'] = {
    get: { operationId: 'openapi', summary: 'This document', responses: { '200': { description: 'The OpenAPI document', content: { 'application/json': { schema: { type: 'object' } } } } } }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Semnote local API',
      version,
      description: 'Search your notes by meaning, in any language, from other programs on this computer. Listens on 127.0.0.1 only; every request needs the bearer token stored in the data folder (api-token).'
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The token in <data folder>/api-token' } },
      schemas: Object.fromEntries(Object.entries(COMPONENTS).map(([name, schema]) => [name, jsonSchema(schema)]))
    }
  }
}
