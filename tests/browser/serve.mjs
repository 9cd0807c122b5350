// `gazette serve` for the browser tests: started on a free port, its output kept for the
// failure report, killed at the end.
import { spawn } from "node:child_process";

export class Served {
  constructor() {
    this.process = null;
    this.output = "";
  }

  // Starts `bin args…` (which should hold `--port 0`); resolves with the address it serves.
  start(bin, args, patience) {
    return new Promise((resolve, reject) => {
      this.process = spawn(bin, args, {
        env: { ...process.env, NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const timer = setTimeout(() => reject(new Error("server did not start:\n" + this.output)), patience);
      const onData = (chunk) => {
        this.output += chunk;
        const m = this.output.match(/serving (http:\/\/127\.0\.0\.1:\d+\/)/);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      this.process.stdout.on("data", onData);
      this.process.stderr.on("data", onData);
      this.process.on("exit", (code) => reject(new Error(`server exited (${code}):\n${this.output}`)));
    });
  }

  stop() {
    if (this.process) this.process.kill("SIGKILL");
  }
}
