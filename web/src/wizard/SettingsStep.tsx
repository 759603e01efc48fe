// Step 6: the settings the API declares (the same declarations as the CLI's flags): basic ones
// first, the model's advanced ones folded away.
import type { Json, Plan, Setting } from '../types';
import type { StepProps } from './Wizard';

function valueOf(plan: Plan, s: Setting): Json | undefined {
  const section = (plan as unknown as Record<string, Record<string, Json> | undefined>)[s.section];
  return section?.[s.key];
}

/** The JSON value a typed text means for the setting's type (text that is not a number stays text: the validator names it). */
function parse(s: Setting, text: string): Json {
  if (s.type === 'text' || s.type === 'choice') return text;
  if (text.trim() === '') return text;
  const n = Number(text);
  // Seeds above 2^53 lose digits as JSON numbers; keep them as the text the user typed.
  if (!Number.isFinite(n) || (s.type === 'seed' && !Number.isSafeInteger(n))) return text;
  return n;
}

function SettingField({ s, props }: { s: Setting; props: StepProps }) {
  const value = valueOf(props.plan, s);
  const id = `setting-${s.name.replace('.', '-')}`;
  const set = (v: Json) =>
    props.update((p) => {
      const sections = p as unknown as Record<string, Record<string, Json>>;
      (sections[s.section] ??= {})[s.key] = v;
    });
  const errors = props.alerts.filter((a) => a.message.includes(s.name) || a.where.includes(s.name));
  let input;
  if (s.type === 'flag')
    input = <input id={id} type="checkbox" checked={value === true} onChange={(e) => set(e.currentTarget.checked)} aria-describedby={`${id}-doc`} />;
  else if (s.type === 'choice')
    input = (
      <select id={id} value={String(value ?? s.default)} onChange={(e) => set(e.currentTarget.value)} aria-describedby={`${id}-doc`}>
        {(s.choices ?? []).map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    );
  else
    input = (
      <input
        id={id}
        inputMode={s.type === 'text' ? undefined : s.type === 'number' || s.type === 'share' ? 'decimal' : 'numeric'}
        value={value === undefined || value === null ? '' : String(value)}
        placeholder={s.default}
        onInput={(e) => set(parse(s, e.currentTarget.value))}
        aria-describedby={`${id}-doc`}
        aria-invalid={errors.length > 0}
        spellcheck={false}
      />
    );
  return (
    <>
      <label for={id}>
        {s.name} <span class="muted small">{s.flag}</span>
      </label>
      <div>
        {input}
        <small id={`${id}-doc`} class="doc">
          {s.doc} ({s.range}; default {s.default})
        </small>
        {errors.map((a, i) => (
          <div key={i} class={`alert alert-${a.severity}`}>
            {a.message}
          </div>
        ))}
      </div>
    </>
  );
}

/** The settings most runs change, first. */
const SEED_AND_SIZE = ['generation.seed', 'generation.scale', 'training.seed'];

/** Source settings only matter for delimited text sources. */
const applies = (s: Setting, sourceUri: string) => s.section !== 'source' || /^(csv|tsv):|\.(csv|tsv)$/i.test(sourceUri);

export function SettingsStep(props: StepProps) {
  const shown = props.settings.filter((s) => applies(s, props.plan.source.uri));
  const first = SEED_AND_SIZE.map((name) => shown.find((s) => s.name === name)).filter((s): s is Setting => !!s);
  const basic = shown.filter((s) => s.group === 'basic' && !SEED_AND_SIZE.includes(s.name));
  const advanced = shown.filter((s) => s.group === 'advanced' && !SEED_AND_SIZE.includes(s.name));
  if (props.settings.length === 0) return <p>Loading the settings…</p>;
  return (
    <div>
      <h2>Seed and size</h2>
      <div class="form-grid settings">
        {first.map((s) => (
          <SettingField key={s.name} s={s} props={props} />
        ))}
      </div>
      <h2>Basic</h2>
      <div class="form-grid settings">
        {basic.map((s) => (
          <SettingField key={s.name} s={s} props={props} />
        ))}
      </div>
      <details class="advanced">
        <summary>Advanced: model size, rare-value threshold, batches ({advanced.length} settings)</summary>
        <div class="form-grid settings">
          {advanced.map((s) => (
            <SettingField key={s.name} s={s} props={props} />
          ))}
        </div>
      </details>
    </div>
  );
}
