/**
 * Runs tasks one at a time, in the order they were submitted. A failing task rejects its own
 * promise and does not stop the queue.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every task submitted so far has settled. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
