// Density clusters on the map (HDBSCAN: Campello, Moulavi & Sander 2013) over the 2-D layout; points in no dense region are outliers (-1).
import { planeNeighbours } from './plane'

export interface ClusterOptions {
  /** Smallest group that counts as a cluster. */
  minClusterSize: number
  /** Neighbours that define a point's core distance (its local density). */
  minSamples: number
  /** Edges per point in the graph the spanning tree is built from (default 2 x minSamples, at least 10). */
  graphNeighbours?: number
  /** 'eom': the most stable clusters (excess of mass); 'leaf': the finest clusters of the condensed tree. */
  selection?: 'eom' | 'leaf'
}

/**
 * Settings for a map of `count` notes. Leaf clusters: on a UMAP layout of XQuAD en+zh+de (360 paragraphs of 24
 * articles) the excess-of-mass choice kept two huge clusters at these sizes (ARI 0.01 against the articles), the leaves
 * 15 clusters (ARI 0.49; k-means with k = sqrt(n/2) on the same layout 0.35).
 */
export function clusterOptionsFor(count: number): ClusterOptions {
  const minClusterSize = Math.max(5, Math.round(Math.sqrt(count) / 2))
  return { minClusterSize, minSamples: Math.min(minClusterSize, 8), selection: 'leaf' }
}

/** Up to this many points the spanning tree is exact (Prim, n^2 distance steps: ~0.3 s at 10k); beyond, it is approximate. */
const EXACT_TREE_MAX_POINTS = 15_000

/**
 * A cluster id per point (0, 1, ... in order of first appearance) or -1. Steps: core distances; the minimum spanning
 * tree of the mutual-reachability graph (exact up to EXACT_TREE_MAX_POINTS; beyond, over each point's nearest
 * neighbours, with components that graph leaves apart joined at infinite distance, i.e. split first); the
 * single-linkage hierarchy condensed with `minClusterSize`; clusters picked by excess of mass or as leaves.
 */
export function densityClusters(xy: Float32Array, options: ClusterOptions, pausePoint?: () => void): Int32Array {
  const count = xy.length / 2
  const labels = new Int32Array(count).fill(-1)
  if (count < options.minClusterSize * 2) return count >= options.minClusterSize ? labels.fill(0) : labels
  const graphK = Math.min(count - 1, Math.max(10, options.graphNeighbours ?? options.minSamples * 2))
  const near = planeNeighbours(xy, graphK)
  const coreK = Math.min(options.minSamples, graphK)
  const core = Float64Array.from({ length: count }, (_, i) => (coreK > 1 ? near.distances[i * graphK + coreK - 2]! : 0))
  const edges = count <= EXACT_TREE_MAX_POINTS ? exactSpanningTree(xy, core, pausePoint) : spanningTree(count, near.indices, near.distances, graphK, core)
  const tree = condensedTree(count, edges, options.minClusterSize)
  const chosen = options.selection === 'leaf' ? leafClusters(tree) : selectClusters(tree)
  assignLabels(tree, chosen, labels)
  return renumber(labels)
}

interface Edge {
  a: number
  b: number
  weight: number
}

/** Prim's algorithm over all pairs, with mutual-reachability distances max(d(a, b), core(a), core(b)), compared squared. */
function exactSpanningTree(xy: Float32Array, core: Float64Array, pausePoint?: () => void): Edge[] {
  const count = xy.length / 2
  const coreSquared = core.map((c) => c * c)
  const best = new Float64Array(count).fill(Infinity)
  const from = new Int32Array(count).fill(-1)
  const done = new Uint8Array(count)
  const edges: Edge[] = []
  let current = 0
  done[0] = 1
  for (let added = 1; added < count; added++) {
    if (added % 64 === 0) pausePoint?.()
    const cx = xy[current * 2]!
    const cy = xy[current * 2 + 1]!
    const cc = coreSquared[current]!
    let next = -1
    let nextWeight = Infinity
    for (let j = 0; j < count; j++) {
      if (done[j]) continue
      const dx = xy[j * 2]! - cx
      const dy = xy[j * 2 + 1]! - cy
      const weight = Math.max(dx * dx + dy * dy, cc, coreSquared[j]!)
      if (weight < best[j]!) {
        best[j] = weight
        from[j] = current
      }
      if (best[j]! < nextWeight) {
        nextWeight = best[j]!
        next = j
      }
    }
    done[next] = 1
    edges.push({ a: from[next]!, b: next, weight: Math.sqrt(nextWeight) })
    current = next
  }
  return edges
}

/** Kruskal over the k-NN graph with mutual-reachability weights, then the leftover components chained at Infinity. */
function spanningTree(count: number, indices: Int32Array, distances: Float32Array, k: number, core: Float64Array): Edge[] {
  const candidates: Edge[] = []
  for (let a = 0; a < count; a++) {
    for (let j = 0; j < k; j++) {
      const b = indices[a * k + j]!
      if (b > a || !includes(indices, b * k, k, a)) candidates.push({ a, b, weight: Math.max(distances[a * k + j]!, core[a]!, core[b]!) })
    }
  }
  candidates.sort((x, y) => x.weight - y.weight || x.a - y.a || x.b - y.b)
  const sets = new UnionFind(count)
  const edges: Edge[] = []
  for (const edge of candidates) if (sets.union(edge.a, edge.b)) edges.push(edge)
  let previous = -1
  for (let i = 0; i < count; i++) {
    if (sets.find(i) !== i) continue
    if (previous >= 0) {
      sets.union(previous, i)
      edges.push({ a: previous, b: i, weight: Infinity })
    }
    previous = sets.find(i)
  }
  return edges
}

function includes(values: Int32Array, start: number, length: number, wanted: number): boolean {
  for (let i = start; i < start + length; i++) if (values[i] === wanted) return true
  return false
}

class UnionFind {
  private readonly parent: Int32Array
  constructor(count: number) {
    this.parent = Int32Array.from({ length: count }, (_, i) => i)
  }
  find(x: number): number {
    let root = x
    while (this.parent[root] !== root) root = this.parent[root]!
    while (this.parent[x] !== root) {
      const next = this.parent[x]!
      this.parent[x] = root
      x = next
    }
    return root
  }
  /** Joins the sets of a and b; false when they were one already. */
  union(a: number, b: number): boolean {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra === rb) return false
    this.parent[Math.max(ra, rb)] = Math.min(ra, rb)
    return true
  }
}

/** A node of the condensed tree: a cluster born at lambda `birth`, its points' lambdas when they fell out, and its children. */
interface CondensedNode {
  birth: number
  parent: number
  children: number[]
  /** Points that left this cluster (lambda at which each left). */
  points: number[]
  leftAt: number[]
  stability: number
}

/**
 * The single-linkage dendrogram condensed: walking down from the root, a split where both sides have at least
 * `minSize` points makes two new clusters; smaller sides are points falling out of the cluster at that lambda (1/distance).
 */
function condensedTree(count: number, edges: Edge[], minSize: number): CondensedNode[] {
  // Single-linkage dendrogram: node ids < count are points, count + m is the merge of edge m (edges ascend by weight).
  const size = new Int32Array(count * 2).fill(1)
  const left = new Int32Array(count - 1)
  const right = new Int32Array(count - 1)
  const lambda = new Float64Array(count - 1)
  const sets = new UnionFind(count)
  const top = Int32Array.from({ length: count }, (_, i) => i)
  edges.sort((x, y) => x.weight - y.weight)
  edges.forEach((edge, m) => {
    const ra = sets.find(edge.a)
    const rb = sets.find(edge.b)
    left[m] = top[ra]!
    right[m] = top[rb]!
    lambda[m] = edge.weight > 0 ? 1 / edge.weight : Number.MAX_VALUE
    size[count + m] = size[left[m]!]! + size[right[m]!]!
    sets.union(ra, rb)
    top[sets.find(ra)] = count + m
  })
  const nodes: CondensedNode[] = [{ birth: 0, parent: -1, children: [], points: [], leftAt: [], stability: 0 }]
  // Iterative walk: (dendrogram node, condensed cluster it belongs to).
  const stack: [number, number][] = [[count * 2 - 2, 0]]
  const fallOut = (node: number, cluster: number, at: number) => {
    const pending = [node]
    while (pending.length > 0) {
      const n = pending.pop()!
      if (n < count) {
        nodes[cluster]!.points.push(n)
        nodes[cluster]!.leftAt.push(at)
      } else pending.push(left[n - count]!, right[n - count]!)
    }
  }
  while (stack.length > 0) {
    const [node, cluster] = stack.pop()!
    if (node < count) {
      fallOut(node, cluster, nodes[cluster]!.birth)
      continue
    }
    const m = node - count
    const at = Math.min(lambda[m]!, Number.MAX_VALUE)
    const [a, b] = [left[m]!, right[m]!]
    const bigA = size[a]! >= minSize
    const bigB = size[b]! >= minSize
    if (bigA && bigB) {
      for (const child of [a, b]) {
        nodes.push({ birth: at, parent: cluster, children: [], points: [], leftAt: [], stability: 0 })
        nodes[cluster]!.children.push(nodes.length - 1)
        stack.push([child, nodes.length - 1])
      }
    } else {
      for (const [child, big] of [[a, bigA], [b, bigB]] as const) {
        if (big) stack.push([child, cluster])
        else fallOut(child, cluster, at)
      }
    }
  }
  for (const node of nodes) {
    let stability = 0
    for (const at of node.leftAt) stability += Math.min(at, 1e12) - node.birth
    for (const child of node.children) stability += (Math.min(nodes[child]!.birth, 1e12) - node.birth) * subtreeSize(nodes, child)
    node.stability = stability
  }
  return nodes
}

function subtreeSize(nodes: CondensedNode[], id: number): number {
  let total = 0
  const stack = [id]
  while (stack.length > 0) {
    const node = nodes[stack.pop()!]!
    total += node.points.length
    stack.push(...node.children)
  }
  return total
}

/** Excess of mass: a cluster is kept when it is more stable than the clusters it splits into (the root never is). */
function selectClusters(nodes: CondensedNode[]): Set<number> {
  const chosen = new Set<number>()
  const best = new Float64Array(nodes.length)
  for (let id = nodes.length - 1; id >= 1; id--) {
    const node = nodes[id]!
    const childSum = node.children.reduce((sum, child) => sum + best[child]!, 0)
    if (node.children.length === 0 || node.stability >= childSum) {
      best[id] = node.stability
      chosen.add(id)
      const stack = [...node.children]
      while (stack.length > 0) {
        const child = stack.pop()!
        chosen.delete(child)
        stack.push(...nodes[child]!.children)
      }
    } else best[id] = childSum
  }
  if (chosen.size === 0 && nodes.length === 1) chosen.add(0)
  return chosen
}

/** The clusters that do not split further (the root only when it never splits). */
function leafClusters(nodes: CondensedNode[]): Set<number> {
  return new Set(nodes.flatMap((node, id) => (node.children.length === 0 ? [id] : [])))
}

function assignLabels(nodes: CondensedNode[], chosen: Set<number>, labels: Int32Array): void {
  for (const id of chosen) {
    const stack = [id]
    while (stack.length > 0) {
      const node = nodes[stack.pop()!]!
      for (const point of node.points) labels[point] = id
      stack.push(...node.children)
    }
  }
}

/** Cluster ids 0, 1, ... in order of the first point of each (stable for the same layout). */
function renumber(labels: Int32Array): Int32Array {
  const ids = new Map<number, number>()
  return labels.map((label) => {
    if (label < 0) return -1
    if (!ids.has(label)) ids.set(label, ids.size)
    return ids.get(label)!
  })
}
