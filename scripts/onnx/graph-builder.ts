// Builds an ONNX inference graph in memory (inputs, initializers, nodes, outputs) and serializes it as a ModelProto.
import { onnxType } from './onnx-proto'

/** ONNX TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7 } as const
export type DataTypeCode = (typeof DataType)[keyof typeof DataType]

/** Tensor data accepted for initializers; the typed array decides the ONNX element type. */
export type TensorData = Float32Array | Int8Array | Uint8Array | Int32Array | BigInt64Array

/** A dimension: a fixed size or a symbolic name such as 'batch'. */
export type Dim = number | string

/** A node attribute value; arrays of numbers are written as ints unless the attribute is listed as floats. */
export type AttributeValue = number | string | number[] | { floats: number[] } | { float: number }

const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7 } as const

function dataTypeOf(data: TensorData): DataTypeCode {
  if (data instanceof Float32Array) return DataType.FLOAT
  if (data instanceof Int8Array) return DataType.INT8
  if (data instanceof Uint8Array) return DataType.UINT8
  if (data instanceof Int32Array) return DataType.INT32
  return DataType.INT64
}

function valueInfo(name: string, elemType: DataTypeCode, dims: readonly Dim[]): object {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) }
      }
    }
  }
}

function attribute(name: string, value: AttributeValue): object {
  if (typeof value === 'string') return { name, type: ATTRIBUTE_TYPE.STRING, s: Buffer.from(value, 'utf8') }
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`attribute ${name}: use { float: x } for a float`)
    return { name, type: ATTRIBUTE_TYPE.INT, i: value }
  }
  if (Array.isArray(value)) return { name, type: ATTRIBUTE_TYPE.INTS, ints: value }
  if ('floats' in value) return { name, type: ATTRIBUTE_TYPE.FLOATS, floats: value.floats }
  return { name, type: ATTRIBUTE_TYPE.FLOAT, f: value.float }
}

/** Accumulates a graph; `op` returns generated output names so graphs read like expressions. */
export class GraphBuilder {
  private readonly nodes: object[] = []
  private readonly initializers: object[] = []
  private readonly inputs: object[] = []
  private readonly outputs: object[] = []
  private counter = 0

  constructor(private readonly name: string) {}

  /** Declares a graph input. */
  input(name: string, elemType: DataTypeCode, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(name, elemType, dims))
    return name
  }

  /** Declares a graph output (an existing value, renamed through Identity when needed). */
  output(value: string, name: string, elemType: DataTypeCode, dims: readonly Dim[]): void {
    if (value !== name) this.nodes.push({ op_type: 'Identity', input: [value], output: [name], name: `${name}_identity` })
    this.outputs.push(valueInfo(name, elemType, dims))
  }

  /** Adds a constant tensor (stored as raw little-endian bytes) and returns its name. */
  initializer(name: string, dims: readonly number[], data: TensorData): string {
    const expected = dims.reduce((a, b) => a * b, 1)
    if (data.length !== expected) throw new Error(`initializer ${name}: ${data.length} values for shape [${dims}]`)
    const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    this.initializers.push({ name, dims: [...dims], data_type: dataTypeOf(data), raw_data: raw })
    return name
  }

  /** Shorthand for a float32 constant. */
  floats(dims: readonly number[], values: readonly number[] | Float32Array, name = this.fresh('const')): string {
    return this.initializer(name, dims, values instanceof Float32Array ? values : Float32Array.from(values))
  }

  /** Shorthand for an int64 constant. */
  int64s(dims: readonly number[], values: readonly number[], name = this.fresh('const')): string {
    return this.initializer(name, dims, BigInt64Array.from(values, (v) => BigInt(v)))
  }

  /** Adds a node and returns the names of its outputs. */
  op(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}, outputCount = 1): string[] {
    const base = this.fresh(opType)
    const outputs = Array.from({ length: outputCount }, (_, i) => (outputCount === 1 ? base : `${base}_${i}`))
    this.nodes.push({
      op_type: opType,
      name: base,
      input: [...inputs],
      output: outputs,
      attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value))
    })
    return outputs
  }

  /** `op` for single-output nodes. */
  op1(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}): string {
    return this.op(opType, inputs, attributes, 1)[0]!
  }

  /** Serializes the graph as an ONNX ModelProto (IR version 8). */
  toModelBytes(opsetVersion: number, metadata: Record<string, string> = {}): Uint8Array {
    const ModelProto = onnxType('ModelProto')
    const model = {
      ir_version: 8,
      opset_import: [{ domain: '', version: opsetVersion }],
      producer_name: 'semnote-testmodel',
      producer_version: '1',
      graph: {
        name: this.name,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs
      },
      metadata_props: Object.entries(metadata).map(([key, value]) => ({ key, value }))
    }
    const problem = ModelProto.verify(model)
    if (problem) throw new Error(`invalid ONNX model: ${problem}`)
    return ModelProto.encode(ModelProto.fromObject(model)).finish()
  }

  private fresh(prefix: string): string {
    this.counter += 1
    return `${prefix}_${this.counter}`
  }
}
