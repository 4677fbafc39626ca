/**
 * The exporter's Grafana dashboard, written with Grafana's dashboards-as-code library
 * (@grafana/grafana-foundation-sdk), so its JSON is typed against Grafana's own schema. Metric
 * names come from the catalog (src/model/exporter-metrics.ts). Three levels: the fleet (every
 * Go container the datasource sees), a namespace, one container; then the exporter itself.
 * `npm run deploy` writes deploy/grafana/gomemlens-exporter.json and its ConfigMap.
 */
import {
  DashboardBuilder,
  DashboardCursorSync,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  RowBuilder,
  VariableRefresh,
  VariableSort,
  type Dashboard,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TableBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { CONTAINER_METRICS as M, EXPORTER_METRICS as X } from '../../src/model/exporter-metrics.js';

const DS = { type: 'prometheus', uid: '${datasource}' };
/** Every Go container of the chosen namespaces (cgroup-labelled hosts have no namespace). */
const NS = 'namespace=~"$namespace"';
const ONE = 'namespace=~"$namespace", pod=~"$pod", container=~"$container"';
const WHO = '{{namespace}}/{{pod}}/{{container}}{{cgroup}}';

function q(expr: string, legend = WHO, ref = 'A'): DataqueryBuilder {
  return new DataqueryBuilder().datasource(DS).expr(expr).legendFormat(legend).refId(ref);
}

function instant(expr: string, ref = 'A'): DataqueryBuilder {
  return q(expr, '', ref).instant().format(PromQueryFormat.Table);
}

function stat(title: string, expr: string, unit = 'none'): StatBuilder {
  return new StatBuilder()
    .title(title)
    .datasource(DS)
    .unit(unit)
    .height(4)
    .span(6)
    .withTarget(q(expr, ''));
}

function series(title: string, unit: string, ...targets: DataqueryBuilder[]): TimeseriesBuilder {
  const p = new TimeseriesBuilder().title(title).datasource(DS).unit(unit).height(8).span(12);
  targets.forEach((t) => p.withTarget(t));
  return p;
}

function table(title: string, expr: string, description: string): TableBuilder {
  return new TableBuilder()
    .title(title)
    .description(description)
    .datasource(DS)
    .height(8)
    .span(12)
    .withTarget(instant(expr));
}

function variable(name: string, query: string): QueryVariableBuilder {
  return new QueryVariableBuilder(name)
    .datasource(DS)
    .query(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.*');
}

export function buildDashboard(): Dashboard {
  const d = new DashboardBuilder('gomemlens: Go memory in containers')
    .uid('gomemlens-exporter')
    .tags(['gomemlens', 'go', 'memory'])
    .description(
      'Go containers of every node running gomemlens exporter: limits, working set, Go runtime memory, OOM forecasts and kills, findings.',
    )
    .editable()
    .tooltip(DashboardCursorSync.Crosshair)
    .refresh('30s')
    .time({ from: 'now-6h', to: 'now' })
    .withVariable(
      new DatasourceVariableBuilder('datasource').label('Prometheus').type('prometheus'),
    )
    .withVariable(
      variable('namespace', `label_values(${M.info.name}, namespace)`).label('Namespace'),
    )
    .withVariable(variable('pod', `label_values(${M.info.name}{${NS}}, pod)`).label('Pod'))
    .withVariable(
      variable('container', `label_values(${M.info.name}{${NS}, pod=~"$pod"}, container)`).label(
        'Container',
      ),
    );
  fleet(d);
  namespace(d);
  container(d);
  exporter(d);
  return d.build();
}

function fleet(d: DashboardBuilder): void {
  d.withRow(new RowBuilder('Fleet'))
    .withPanel(stat('Go containers', `count(${M.info.name}{${NS}})`))
    .withPanel(
      stat('OOM forecast within 1 h', `count(${M.etaSeconds.name}{${NS}} < 3600) or vector(0)`),
    )
    .withPanel(
      stat('OOM kills, last 24 h', `sum(increase(${M.oomKills.name}{${NS}}[24h])) or vector(0)`),
    )
    .withPanel(
      stat(
        'Without GOMEMLIMIT under a limit',
        `count(${M.info.name}{${NS}} unless on (namespace, pod, container, cgroup) ${M.gomemlimit.name} and on (namespace, pod, container, cgroup) ${M.limit.name}) or vector(0)`,
      ),
    )
    .withPanel(
      table(
        'Closest to the OOM kill',
        `sort(${M.etaSeconds.name}{${NS}})`,
        'Forecast seconds to the memory limit (leak or tmpfs verdicts only).',
      ),
    )
    .withPanel(
      series(
        'Fullest container per namespace',
        'percentunit',
        q(
          `max by (namespace) (gomemlens:container_memory_working_set:ratio_limit{${NS}})`,
          '{{namespace}}',
        ),
      ),
    );
}

function namespace(d: DashboardBuilder): void {
  d.withRow(new RowBuilder('Namespace'))
    .withPanel(series('Working set', 'bytes', q(`${M.workingSet.name}{${NS}}`)))
    .withPanel(
      series(
        'Working set / limit',
        'percentunit',
        q(`gomemlens:container_memory_working_set:ratio_limit{${NS}}`),
      ),
    )
    .withPanel(
      table(
        'Active findings',
        `sum by (namespace, pod, container, cgroup, code, severity) (${M.finding.name}{${NS}})`,
        'One row per finding code; docs/rules/<code>.md explains each.',
      ),
    )
    .withPanel(series('OOM kills', 'short', q(`increase(${M.oomKills.name}{${NS}}[1h])`)));
}

function container(d: DashboardBuilder): void {
  d.withRow(new RowBuilder('Container'))
    .withPanel(
      series(
        'Limit, working set, RSS and GOMEMLIMIT',
        'bytes',
        q(`${M.limit.name}{${ONE}}`, `limit ${WHO}`, 'A'),
        q(`${M.workingSet.name}{${ONE}}`, `working set ${WHO}`, 'B'),
        q(`${M.rss.name}{${ONE}}`, `RSS ${WHO}`, 'C'),
        q(`${M.gomemlimit.name}{${ONE}}`, `GOMEMLIMIT ${WHO}`, 'D'),
      ),
    )
    .withPanel(
      series(
        'Go runtime memory',
        'bytes',
        q(`${M.goMapped.name}{${ONE}}`, `mapped (GOMEMLIMIT counts) ${WHO}`, 'A'),
        q(`${M.heapInuse.name}{${ONE}}`, `heap in use ${WHO}`, 'B'),
        q(`${M.heapLive.name}{${ONE}}`, `live heap ${WHO}`, 'C'),
        q(`${M.heapGoal.name}{${ONE}}`, `heap goal ${WHO}`, 'D'),
        q(`${M.nonGo.name}{${ONE}}`, `non-Go ${WHO}`, 'E'),
      ),
    )
    .withPanel(series('Forecast time to OOM', 's', q(`${M.etaSeconds.name}{${ONE}}`)))
    .withPanel(
      series('Forecast verdict', 'none', q(`${M.verdict.name}{${ONE}} == 1`, `{{verdict}} ${WHO}`)),
    )
    .withPanel(
      series(
        'GOGC and GC CPU',
        'none',
        q(`${M.gogc.name}{${ONE}}`, `GOGC ${WHO}`, 'A'),
        q(`${M.gcCpu.name}{${ONE}}`, `GC CPU fraction ${WHO}`, 'B'),
      ),
    )
    .withPanel(
      table(
        'Go version, settings, pre-OOM profile',
        `${M.info.name}{${ONE}}`,
        'profile_url: the heap profile taken before the forecast kill (go tool pprof URL).',
      ),
    );
}

function exporter(d: DashboardBuilder): void {
  d.withRow(new RowBuilder('Exporter'))
    .withPanel(
      series(
        'Exporter CPU',
        'percentunit',
        q(`rate(${X.cpuSeconds.name}[$__rate_interval])`, '{{instance}}'),
      ),
    )
    .withPanel(series('Exporter memory', 'bytes', q(X.rssBytes.name, '{{instance}}')))
    .withPanel(
      series(
        'Go processes followed',
        'short',
        q(`sum by (state) (${X.targets.name})`, '{{state}}'),
      ),
    )
    .withPanel(series('Cycle duration', 's', q(X.cycleSeconds.name, '{{instance}}')))
    .withPanel(series('Sources up', 'short', q(X.sourceUp.name, '{{instance}} {{source}}')))
    .withPanel(
      series(
        'Read errors',
        'short',
        q(`sum by (source) (rate(${X.readErrors.name}[$__rate_interval]))`, '{{source}}'),
      ),
    );
}
