/**
 * Strongly connected components (Tarjan, iterative: no recursion limit on
 * long chains) over any graph given by `next`: every loop reachable from
 * `starts` is reported once, its members sharing a fresh id.
 */
export function findLoops<T>(
  starts: Iterable<T>,
  next: (node: T) => T[],
  newId: () => number,
  report: (member: T, loop: number) => void,
  seen?: Set<T>,
): void {
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  let counter = 0;
  for (const root of starts) {
    if (index.has(root)) continue;
    const work: { node: T; edges: T[]; i: number }[] = [];
    const enter = (n: T) => {
      seen?.add(n);
      index.set(n, counter);
      low.set(n, counter++);
      stack.push(n);
      onStack.add(n);
      work.push({ node: n, edges: next(n), i: 0 });
    };
    enter(root);
    while (work.length) {
      const top = work[work.length - 1];
      if (top.i < top.edges.length) {
        const m = top.edges[top.i++];
        if (!index.has(m)) enter(m);
        else if (onStack.has(m)) low.set(top.node, Math.min(low.get(top.node)!, index.get(m)!));
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1].node, Math.min(low.get(work[work.length - 1].node)!, low.get(top.node)!));
      if (low.get(top.node) !== index.get(top.node)) continue;
      const members: T[] = [];
      let m: T;
      do {
        m = stack.pop()!;
        onStack.delete(m);
        members.push(m);
      } while (m !== top.node);
      // A loop: more than one member, or one that links to itself.
      if (members.length > 1 || top.edges.includes(top.node)) {
        const id = newId();
        for (const e of members) report(e, id);
      }
    }
  }
}
