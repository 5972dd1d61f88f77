/**
 * Circular dependencies: the strongly connected components of the graph of
 * scanned files (Tarjan's algorithm, without recursion so that deep graphs
 * cannot overflow the stack). A dependency is circular when its file and its
 * target lie in one component, which is what dependency-cruiser's
 * `circular` means too.
 */

/** The components of a graph and the shortest way back along a cycle. */
export interface Cycles {
  /** True when the dependency `from → to` is part of a cycle. */
  isCircular(from: string, to: string): boolean;
  /** The shortest path `to → … → from` that closes the cycle of a circular dependency `from → to`. */
  pathBack(from: string, to: string): readonly string[];
}

/**
 * Finds the cycles of a graph.
 * @param nodes - every node.
 * @param edges - the successors of a node (only edges that count).
 */
export function findCycles(nodes: Iterable<string>, edges: (node: string) => readonly string[]): Cycles {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const component = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let components = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: number };
      const successors = edges(frame.node);
      if (frame.next < successors.length) {
        const successor = successors[frame.next++] as string;
        if (!index.has(successor)) {
          index.set(successor, counter);
          low.set(successor, counter++);
          stack.push(successor);
          onStack.add(successor);
          work.push({ node: successor, next: 0 });
        } else if (onStack.has(successor)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(successor) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        let member: string | undefined;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.set(member, components);
        } while (member !== frame.node);
        components++;
      }
    }
  }
  const isCircular = (from: string, to: string): boolean =>
    from === to || (component.has(from) && component.get(from) === component.get(to));
  return {
    isCircular,
    pathBack(from, to) {
      if (from === to) return [to];
      const previous = new Map<string, string>([[to, to]]);
      const queue = [to];
      for (let head = 0; head < queue.length; head++) {
        const node = queue[head] as string;
        if (node === from) break;
        for (const next of edges(node)) {
          if (previous.has(next) || component.get(next) !== component.get(to)) continue;
          previous.set(next, node);
          queue.push(next);
        }
      }
      if (!previous.has(from)) return [to, from];
      const path = [from];
      for (let node = from; node !== to; node = previous.get(node) as string) path.unshift(previous.get(node) as string);
      return path;
    },
  };
}
