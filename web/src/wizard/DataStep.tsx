// Step 2: which tables and columns go in. Leaving one out is its treatment `exclude`.
import { columnIncluded, columnOf, setTreatment, tableIncluded, tableOf, treatmentOf } from '../plan';
import type { Column, Table } from '../types';
import { Head, plural } from '../ui';
import type { StepProps } from './Wizard';

function hasError(props: StepProps, table: string, column?: string) {
  return props.alerts.some((a) => a.severity === 'error' && a.table === table && (column === undefined || a.column === column));
}

export function DataStep(props: StepProps) {
  const { plan, update } = props;
  const setTable = (name: string, included: boolean) =>
    update((p) => {
      const t = tableOf(p, name);
      if (included) delete t.treatment;
      else t.treatment = 'exclude';
    });
  const setColumn = (table: string, column: string, included: boolean) =>
    update((p) => {
      const c = columnOf(tableOf(p, table), column);
      setTreatment(c, included ? { kind: 'auto' } : { ...treatmentOf(c), kind: 'exclude' });
    });
  const tables = plan.metadata.tables;
  const inCount = tables.filter(tableIncluded).length;
  return (
    <div>
      <p>
        {inCount} of {plural(tables.length, 'table')} in. Leave out a table or column by unticking it: it is neither learned nor
        written.
      </p>
      <table class="list data-tables">
        <Head columns={['In', 'Table', 'Rows', 'Columns']} />
        <tbody>
          {tables.map((t: Table) => {
            const included = tableIncluded(t);
            const columnsIn = t.columns.filter(columnIncluded).length;
            return (
              <tr key={t.name} class={`${included ? '' : 'excluded'} ${hasError(props, t.name) ? 'has-error' : ''}`}>
                <td>
                  <input
                    type="checkbox"
                    id={`table-in-${t.name}`}
                    checked={included}
                    onChange={(e) => setTable(t.name, e.currentTarget.checked)}
                  />
                </td>
                <td>
                  <label for={`table-in-${t.name}`}>{t.name}</label>
                  {t.treatment === 'preserve' && <span class="badge">preserved</span>}
                </td>
                <td class="num">{(t.row_count ?? 0).toLocaleString()}</td>
                <td>
                  <details>
                    <summary>
                      {columnsIn} of {t.columns.length} columns in
                    </summary>
                    <fieldset class="columns" disabled={!included}>
                      <legend class="visually-hidden">Columns of {t.name}</legend>
                      {t.columns.map((c: Column) => (
                        <label key={c.name} class={`check ${hasError(props, t.name, c.name) ? 'has-error' : ''}`} title={c.sdtype_reason}>
                          <input
                            type="checkbox"
                            checked={columnIncluded(c)}
                            onChange={(e) => setColumn(t.name, c.name, e.currentTarget.checked)}
                          />{' '}
                          {c.name} <span class="muted">{c.sdtype}</span>
                        </label>
                      ))}
                    </fieldset>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
