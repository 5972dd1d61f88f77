/**
 * Waiting in tests for what happens asynchronously outside the test's
 * control (a file watcher's event, a watch loop's output).
 */

/**
 * Waits until `ready()` holds, asking every 20 ms.
 * @throws {Error} when it does not hold within `ms` milliseconds.
 */
export async function waitUntil(ready: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`not ready within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
