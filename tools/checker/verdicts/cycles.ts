/**
 * Circular dependencies: the strongly connected components of the graph of
 * scanned files (Tarjan's algorithm over integer indices, without recursion
 * so that deep graphs cannot overflow the stack). A dependency is circular
 * when its file and its target lie in one component, which is what
 * dependency-cruiser's `circular` means too.
 */

/** The components of a graph and the shortest way back along a cycle. */
export interface Cycles {
  /** True when the dependency `from → to` is part of a cycle. */
  isCircular(from: string, to: string): boolean;
  /** The shortest path `to → … → from` that closes the cycle of a circular dependency `from → to`. */
  pathBack(from: string, to: string): readonly string[];
}

/** Tarjan's algorithm: the component of each node (nodes of one component share a number). */
function components(successors: readonly (readonly number[])[]): Int32Array {
  const count = successors.length;
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const component = new Int32Array(count).fill(-1);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const work: number[] = [];
  const next = new Int32Array(count);
  let counter = 0;
  let found = 0;
  for (let start = 0; start < count; start++) {
    if (index[start] !== -1) continue;
    work.push(start);
    index[start] = low[start] = counter++;
    stack.push(start);
    onStack[start] = 1;
    while (work.length > 0) {
      const node = work[work.length - 1] as number;
      const out = successors[node] as readonly number[];
      const position = next[node] as number;
      if (position < out.length) {
        next[node] = position + 1;
        const successor = out[position] as number;
        if (index[successor] === -1) {
          index[successor] = low[successor] = counter++;
          stack.push(successor);
          onStack[successor] = 1;
          work.push(successor);
        } else if (onStack[successor] === 1) {
          low[node] = Math.min(low[node] as number, index[successor] as number);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent] as number, low[node] as number);
      if (low[node] === index[node]) {
        let member: number;
        do {
          member = stack.pop() as number;
          onStack[member] = 0;
          component[member] = found;
        } while (member !== node);
        found++;
      }
    }
  }
  return component;
}

/**
 * Finds the cycles of a graph.
 * @param nodes - every node.
 * @param edges - the successors of a node (only edges that count).
 */
export function findCycles(nodes: Iterable<string>, edges: (node: string) => readonly string[]): Cycles {
  const names = [...nodes];
  const ids = new Map(names.map((name, id) => [name, id]));
  const successors = names.map((name) => edges(name).flatMap((target) => (ids.has(target) ? [ids.get(target) as number] : [])));
  const component = components(successors);
  const same = (a: number | undefined, b: number | undefined): boolean => a !== undefined && b !== undefined && component[a] === component[b];
  return {
    isCircular: (from, to) => from === to || same(ids.get(from), ids.get(to)),
    pathBack(from, to) {
      const source = ids.get(to);
      const goal = ids.get(from);
      if (from === to || source === undefined || goal === undefined) return [to];
      const previous = new Map<number, number>([[source, source]]);
      const queue = [source];
      for (let head = 0; head < queue.length && !previous.has(goal); head++) {
        const node = queue[head] as number;
        for (const next of successors[node] as readonly number[]) {
          if (previous.has(next) || component[next] !== component[source]) continue;
          previous.set(next, node);
          queue.push(next);
        }
      }
      if (!previous.has(goal)) return [to, from];
      const path = [goal];
      for (let node = goal; node !== source; node = previous.get(node) as number) path.unshift(previous.get(node) as number);
      return path.map((id) => names[id] as string);
    },
  };
}
