/**
 * An ordered list diff based on the longest common subsequence, so that one inserted task is one
 * insertion rather than every later task "changed". Removals and insertions between the same two
 * unchanged items are paired up as edits, the way a reader sees a reworded line.
 */

export type ListEdit =
  | { op: 'equal'; beforeIndex: number; afterIndex: number }
  | { op: 'changed'; beforeIndex: number; afterIndex: number }
  | { op: 'removed'; beforeIndex: number }
  | { op: 'added'; afterIndex: number };

export function diffLists<T>(
  before: readonly T[],
  after: readonly T[],
  equal: (a: T, b: T) => boolean,
): ListEdit[] {
  // Common prefix and suffix first: the usual edit touches one spot of a long list.
  let start = 0;
  while (start < before.length && start < after.length && equal(before[start]!, after[start]!))
    start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (
    endBefore > start &&
    endAfter > start &&
    equal(before[endBefore - 1]!, after[endAfter - 1]!)
  ) {
    endBefore--;
    endAfter--;
  }

  const n = endBefore - start;
  const m = endAfter - start;
  // lcs[i * (m + 1) + j] = LCS length of before[start+i..endBefore) and after[start+j..endAfter).
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = equal(before[start + i]!, after[start + j]!)
        ? lcs[(i + 1) * (m + 1) + j + 1]! + 1
        : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }

  const edits: ListEdit[] = [];
  for (let k = 0; k < start; k++) edits.push({ op: 'equal', beforeIndex: k, afterIndex: k });

  let removed: number[] = [];
  let added: number[] = [];
  const flush = (): void => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) {
      edits.push({ op: 'changed', beforeIndex: removed[k]!, afterIndex: added[k]! });
    }
    for (const beforeIndex of removed.slice(paired)) edits.push({ op: 'removed', beforeIndex });
    for (const afterIndex of added.slice(paired)) edits.push({ op: 'added', afterIndex });
    removed = [];
    added = [];
  };

  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && equal(before[start + i]!, after[start + j]!)) {
      flush();
      edits.push({ op: 'equal', beforeIndex: start + i, afterIndex: start + j });
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) {
      removed.push(start + i);
      i++;
    } else {
      added.push(start + j);
      j++;
    }
  }
  flush();

  for (let k = 0; k < before.length - endBefore; k++) {
    edits.push({ op: 'equal', beforeIndex: endBefore + k, afterIndex: endAfter + k });
  }
  return edits;
}
