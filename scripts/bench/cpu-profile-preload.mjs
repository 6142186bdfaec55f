// Loaded into the production server by `BENCH_CPU_PROFILE=<dir> npm run bench:leads` (NODE_OPTIONS
// --import; node refuses --cpu-prof there): the first SIGUSR2 starts a CPU profile (200 us
// sampling), the second writes it to <dir>/<pid>.cpuprofile. Read it with Chrome DevTools or
// `node scripts/bench/cpu-profile-summary.mjs <file>`.
import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";

const dir = process.env.BENCH_CPU_PROFILE;
let session;
if (dir) {
  process.on("SIGUSR2", () => {
    if (!session) {
      session = new inspector.Session();
      session.connect();
      session.post("Profiler.enable");
      session.post("Profiler.setSamplingInterval", { interval: 200 });
      session.post("Profiler.start");
      return;
    }
    const s = session;
    session = undefined;
    s.post("Profiler.stop", (err, result) => {
      if (!err) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
      s.disconnect();
    });
  });
}
