/**
 * A min-heap of things due at a time. Entries may go stale (a message rescheduled or finished):
 * the owner checks each popped entry against its current state, so nothing has to be removed
 * from the middle, and finding what is due costs O(log n), not a scan of every message.
 */
export class DueQueue<T> {
  readonly #heap: { at: number; item: T }[] = [];

  get size(): number {
    return this.#heap.length;
  }

  push(at: number, item: T): void {
    const heap = this.#heap;
    heap.push({ at, item });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as { at: number }).at <= at) break;
      [heap[i], heap[parent]] = [
        heap[parent] as { at: number; item: T },
        heap[i] as { at: number; item: T },
      ];
      i = parent;
    }
  }

  /** The earliest entry, without removing it. */
  peek(): { readonly at: number; readonly item: T } | undefined {
    return this.#heap[0];
  }

  /** Removes every entry. */
  clear(): void {
    this.#heap.length = 0;
  }

  /** Removes and returns the earliest entry. */
  pop(): { readonly at: number; readonly item: T } | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (
        left < heap.length &&
        (heap[left] as { at: number }).at < (heap[smallest] as { at: number }).at
      )
        smallest = left;
      if (
        right < heap.length &&
        (heap[right] as { at: number }).at < (heap[smallest] as { at: number }).at
      )
        smallest = right;
      if (smallest === i) return top;
      [heap[i], heap[smallest]] = [
        heap[smallest] as { at: number; item: T },
        heap[i] as { at: number; item: T },
      ];
      i = smallest;
    }
  }
}
