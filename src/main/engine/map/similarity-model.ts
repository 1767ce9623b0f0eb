// Two tiny ONNX graphs for exact cosine neighbours on unit vectors (Gemm + TopK), written as protobuf bytes in memory,
// so onnxruntime's optimized matrix product does the N x N work that plain JS would take a minute for.

/** Field writer for the protobuf wire format (varints and length-delimited fields only: all these graphs need). */
class ProtoWriter {
  readonly bytes: number[] = []

  varint(value: number): this {
    let v = value
    while (v > 127) {
      this.bytes.push((v & 127) | 128)
      v = Math.floor(v / 128)
    }
    this.bytes.push(v)
    return this
  }

  int(field: number, value: number): this {
    return this.varint(field * 8).varint(value)
  }

  string(field: number, value: string): this {
    const encoded = new TextEncoder().encode(value)
    this.varint(field * 8 + 2).varint(encoded.length)
    for (const byte of encoded) this.bytes.push(byte)
    return this
  }

  message(field: number, inner: ProtoWriter): this {
    this.varint(field * 8 + 2).varint(inner.bytes.length)
    for (const byte of inner.bytes) this.bytes.push(byte)
    return this
  }
}

const FLOAT = 1
const INT64 = 7
const ATTRIBUTE_INT = 2
/** Opset with TopK's k as an input (opset 10+) and Gemm without a required C (opset 11+). */
const OPSET = 13

function tensorInfo(name: string, elemType: number, dims: (number | string)[]): ProtoWriter {
  const shape = new ProtoWriter()
  for (const dim of dims) shape.message(1, typeof dim === 'number' ? new ProtoWriter().int(1, dim) : new ProtoWriter().string(2, dim))
  const tensor = new ProtoWriter().int(1, elemType).message(2, shape)
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor))
}

function node(opType: string, inputs: string[], outputs: string[], intAttributes: Record<string, number> = {}): ProtoWriter {
  const proto = new ProtoWriter()
  for (const input of inputs) proto.string(1, input)
  for (const output of outputs) proto.string(2, output)
  proto.string(3, `${opType}_${outputs[0]}`).string(4, opType)
  for (const [name, value] of Object.entries(intAttributes)) proto.message(5, new ProtoWriter().string(1, name).int(3, value).int(20, ATTRIBUTE_INT))
  return proto
}

function model(graph: ProtoWriter): Uint8Array {
  const opset = new ProtoWriter().string(1, '').int(2, OPSET)
  return Uint8Array.from(new ProtoWriter().int(1, 8).message(7, graph).message(8, opset).bytes)
}

/**
 * `queries` [b, d] and `base` [n, d] in, `similarities` [b, n] out: every dot product (cosine for unit vectors).
 */
export function similarityModel(): Uint8Array {
  const graph = new ProtoWriter()
    .message(1, node('Gemm', ['queries', 'base'], ['similarities'], { transB: 1 }))
    .string(2, 'similarities')
    .message(11, tensorInfo('queries', FLOAT, ['b', 'd']))
    .message(11, tensorInfo('base', FLOAT, ['n', 'd']))
    .message(12, tensorInfo('similarities', FLOAT, ['b', 'n']))
  return model(graph)
}

/**
 * `queries` [b, d], `base` [n, d] and `k` [1] in; the k largest similarities per query (`values` [b, k], best first) and
 * their base rows (`indices` [b, k], int64) out.
 */
export function nearestModel(): Uint8Array {
  const graph = new ProtoWriter()
    .message(1, node('Gemm', ['queries', 'base'], ['similarities'], { transB: 1 }))
    .message(1, node('TopK', ['similarities', 'k'], ['values', 'indices'], { axis: 1, largest: 1, sorted: 1 }))
    .string(2, 'nearest')
    .message(11, tensorInfo('queries', FLOAT, ['b', 'd']))
    .message(11, tensorInfo('base', FLOAT, ['n', 'd']))
    .message(11, tensorInfo('k', INT64, [1]))
    .message(12, tensorInfo('values', FLOAT, ['b', 'k']))
    .message(12, tensorInfo('indices', INT64, ['b', 'k']))
  return model(graph)
}
