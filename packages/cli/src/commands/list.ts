import { SerkitCommand } from '../base-command.js';
import { renderTable } from '../render/table.js';
import type { PluginList, PluginSummary } from '../services/list.js';

export default class List extends SerkitCommand {
  static override summary = 'List the installed datasets, feature extractors and models.';
  static override description =
    'Shows every plugin registered through the serkit:register hook: built-in ones and those added with `serkit plugins install` or `serkit plugins link`, with their version and the npm package each comes from. Plugins that fail to load are reported by name on stderr; the others are still listed.';
  static override examples = ['<%= config.bin %> list', '<%= config.bin %> list --json'];

  async run(): Promise<PluginList> {
    await this.parse(List);
    const { registry, failures } = await this.loadedRegistry();
    const { listPlugins } = await import('../services/list.js');
    const list = listPlugins(registry, failures);
    if (!this.jsonEnabled()) {
      this.log(section('Datasets', list.datasets));
      this.log(section('Feature extractors', list.extractors));
      this.log(section('Models', list.models));
    }
    return list;
  }
}

function section(title: string, plugins: readonly PluginSummary[]): string {
  if (plugins.length === 0) return `${title}: none installed\n`;
  const rows = plugins.map((p) => [p.id, p.version, p.source, p.description]);
  return `${title}\n${renderTable(['id', 'version', 'package', 'description'], rows)}\n`;
}
