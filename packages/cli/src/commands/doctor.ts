import { SerkitCommand } from '../base-command.js';
import { EXIT } from '../exit-codes.js';
import { renderTable } from '../render/table.js';
import type { DoctorReport } from '../services/doctor.js';

export default class Doctor extends SerkitCommand {
  static override summary = 'Check what serkit can use on this machine.';
  static override description =
    'Reports the Node.js version, whether ffmpeg is found (and its version), whether the native C++ DSP addon is loaded or the TypeScript fallback is used, and which TensorFlow.js backends (gpu, node, native, wasm, cpu) load here and why the others do not. Exits 1 only when serkit cannot work at all (e.g. Node.js too old).';
  static override examples = ['<%= config.bin %> doctor', '<%= config.bin %> doctor --json'];

  async run(): Promise<DoctorReport> {
    await this.parse(Doctor);
    const { runDoctor } = await import('../services/doctor.js');
    const report = await runDoctor();
    if (!this.jsonEnabled()) {
      const marks = { ok: 'ok', missing: '-', error: 'FAIL', unknown: '?' } as const;
      this.log(
        renderTable(
          ['check', 'status', 'detail'],
          report.checks.map((c) => [c.name, marks[c.status], c.detail]),
        ),
      );
    }
    if (report.checks.some((c) => c.status === 'error')) process.exitCode = EXIT.FAILED;
    return report;
  }
}
