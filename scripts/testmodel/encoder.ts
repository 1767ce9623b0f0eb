// A BERT/XLM-R-shaped transformer encoder graph (random weights) with the real input/output names of e5-style exports.
import { DataType, GraphBuilder } from '../onnx/graph-builder'
import { SeededRandom } from './random'

/** Shape and variant of a generated encoder. */
export interface EncoderConfig {
  vocabSize: number
  hidden: number
  layers: number
  heads: number
  ffn: number
  maxPositions: number
  /** Declare a `token_type_ids` input (BERT) in addition to input_ids and attention_mask (XLM-R). */
  tokenTypeIds: boolean
  /** int8 weights with dynamic activation quantization (DynamicQuantizeLinear + MatMulInteger), as in *_quantized.onnx exports. */
  quantized: boolean
  seed: number
}

const OPSET = 17
const LAYER_NORM_EPSILON = 1e-5
/** Spread of int8 weights: uniform in [-127, 127] has standard deviation 127 / sqrt(3). */
const INT8_STD = 127 / Math.sqrt(3)

/** Builds the encoder and returns the serialized ONNX model. */
export function buildEncoderModel(config: EncoderConfig): Uint8Array {
  if (config.hidden % config.heads !== 0) throw new Error('hidden must be a multiple of heads')
  const random = new SeededRandom(config.seed)
  const g = new GraphBuilder('semnote_test_encoder')
  const { hidden, heads } = config
  const headSize = hidden / heads

  const inputIds = g.input('input_ids', DataType.INT64, ['batch_size', 'sequence_length'])
  const attentionMask = g.input('attention_mask', DataType.INT64, ['batch_size', 'sequence_length'])
  const tokenTypeIds = config.tokenTypeIds
    ? g.input('token_type_ids', DataType.INT64, ['batch_size', 'sequence_length'])
    : undefined

  const quantizedInputs = new Map<string, string[]>()

  /** x[..., inDim] @ W[inDim, outDim] + b, float or int8 with dynamic quantization. */
  function linear(x: string, inDim: number, outDim: number, name: string): string {
    const bias = g.initializer(`${name}.bias`, [outDim], random.floats(outDim, 0.02))
    const std = 1 / Math.sqrt(inDim)
    if (!config.quantized) {
      const weight = g.initializer(`${name}.weight`, [inDim, outDim], random.floats(inDim * outDim, std * Math.sqrt(3)))
      return g.op1('Add', [g.op1('MatMul', [x, weight]), bias])
    }
    const weight = g.initializer(`${name}.weight_quantized`, [inDim, outDim], random.int8s(inDim * outDim))
    const weightZeroPoint = g.initializer(`${name}.weight_zero_point`, [], new Int8Array([0]))
    const weightScale = g.floats([], [std / INT8_STD], `${name}.weight_scale`)
    let quantized = quantizedInputs.get(x)
    if (!quantized) {
      quantized = g.op('DynamicQuantizeLinear', [x], {}, 3)
      quantizedInputs.set(x, quantized)
    }
    const [xq, xScale, xZeroPoint] = quantized as [string, string, string]
    const product = g.op1('MatMulInteger', [xq, weight, xZeroPoint, weightZeroPoint])
    const scale = g.op1('Mul', [xScale, weightScale])
    const dequantized = g.op1('Mul', [g.op1('Cast', [product], { to: DataType.FLOAT }), scale])
    return g.op1('Add', [dequantized, bias])
  }

  /** Lookup table [rows, hidden] gathered by int64 indices. */
  function embedding(indices: string, rows: number, name: string, scale: number): string {
    if (!config.quantized) {
      const table = g.initializer(`${name}.weight`, [rows, hidden], random.floats(rows * hidden, scale))
      return g.op1('Gather', [table, indices])
    }
    const table = g.initializer(`${name}.weight_quantized`, [rows, hidden], random.int8s(rows * hidden))
    const tableScale = g.floats([], [scale / 127], `${name}.weight_scale`)
    return g.op1('Mul', [g.op1('Cast', [g.op1('Gather', [table, indices])], { to: DataType.FLOAT }), tableScale])
  }

  function layerNorm(x: string, name: string): string {
    const gamma = g.initializer(`${name}.weight`, [hidden], random.around(hidden, 1, 0.1))
    const beta = g.initializer(`${name}.bias`, [hidden], random.floats(hidden, 0.1))
    return g.op1('LayerNormalization', [x, gamma, beta], { axis: -1, epsilon: { float: LAYER_NORM_EPSILON } })
  }

  // Embeddings: words + positions 0..S-1 (+ token types), then LayerNorm.
  const sequenceLength = g.op1('Gather', [g.op1('Shape', [inputIds]), g.int64s([], [1])], { axis: 0 })
  const positions = g.op1('Range', [g.int64s([], [0]), sequenceLength, g.int64s([], [1])])
  let embeddings = g.op1('Add', [
    embedding(inputIds, config.vocabSize, 'embeddings.word_embeddings', 1),
    embedding(positions, config.maxPositions, 'embeddings.position_embeddings', 0.5)
  ])
  if (tokenTypeIds) {
    embeddings = g.op1('Add', [embeddings, embedding(tokenTypeIds, 2, 'embeddings.token_type_embeddings', 0.1)])
  }
  let hiddenStates = layerNorm(embeddings, 'embeddings.LayerNorm')

  // Additive attention bias [B, 1, 1, S]: 0 for real tokens, -10000 for padding.
  const maskFloat = g.op1('Cast', [g.op1('Unsqueeze', [attentionMask, g.int64s([2], [1, 2])])], { to: DataType.FLOAT })
  const attentionBias = g.op1('Mul', [g.op1('Sub', [g.floats([], [1]), maskFloat]), g.floats([], [-10000])])

  const splitHeadsShape = g.int64s([4], [0, 0, heads, headSize])
  const mergeHeadsShape = g.int64s([3], [0, 0, hidden])
  const attentionScale = g.floats([], [1 / Math.sqrt(headSize)])
  const half = g.floats([], [0.5])
  const one = g.floats([], [1])
  const inverseSqrt2 = g.floats([], [Math.SQRT1_2])

  for (let layer = 0; layer < config.layers; layer++) {
    const prefix = `encoder.layer.${layer}`
    const splitHeads = (x: string, perm: number[]): string => g.op1('Transpose', [g.op1('Reshape', [x, splitHeadsShape])], { perm })
    const query = splitHeads(linear(hiddenStates, hidden, hidden, `${prefix}.attention.self.query`), [0, 2, 1, 3])
    const key = splitHeads(linear(hiddenStates, hidden, hidden, `${prefix}.attention.self.key`), [0, 2, 3, 1])
    const value = splitHeads(linear(hiddenStates, hidden, hidden, `${prefix}.attention.self.value`), [0, 2, 1, 3])
    const scores = g.op1('Add', [g.op1('Mul', [g.op1('MatMul', [query, key]), attentionScale]), attentionBias])
    const probabilities = g.op1('Softmax', [scores], { axis: -1 })
    const context = g.op1('Reshape', [
      g.op1('Transpose', [g.op1('MatMul', [probabilities, value])], { perm: [0, 2, 1, 3] }),
      mergeHeadsShape
    ])
    const attended = linear(context, hidden, hidden, `${prefix}.attention.output.dense`)
    hiddenStates = layerNorm(g.op1('Add', [attended, hiddenStates]), `${prefix}.attention.output.LayerNorm`)

    const intermediate = linear(hiddenStates, hidden, config.ffn, `${prefix}.intermediate.dense`)
    // Exact GELU: x * 0.5 * (1 + erf(x / sqrt(2))).
    const gelu = g.op1('Mul', [
      g.op1('Mul', [intermediate, half]),
      g.op1('Add', [one, g.op1('Erf', [g.op1('Mul', [intermediate, inverseSqrt2])])])
    ])
    const output = linear(gelu, config.ffn, hidden, `${prefix}.output.dense`)
    hiddenStates = layerNorm(g.op1('Add', [output, hiddenStates]), `${prefix}.output.LayerNorm`)
  }

  g.output(hiddenStates, 'last_hidden_state', DataType.FLOAT, ['batch_size', 'sequence_length', hidden])
  return g.toModelBytes(OPSET, { generator: 'semnote make-test-model', seed: String(config.seed) })
}
