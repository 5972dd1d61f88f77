/**
 * The entry point shared by the benchmark scripts.
 */
import { DevDatabaseError } from "../../dev/database.js";

/**
 * Runs a benchmark's `main` and sets the process's exit code from the code it
 * resolves to, or 1 (after printing the error) when it throws.
 * @param main - the benchmark; resolves to its exit code.
 */
export function runBenchmark(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof DevDatabaseError ? error.message : error);
      process.exitCode = 1;
    },
  );
}
