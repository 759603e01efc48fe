// The wizard: one page per step, free to go back and forth; every change is saved as the server's
// current plan and checked by the same validator as `relsynth validate`.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { edit, STEPS, stepOfAlert, type StepId } from '../plan';
import { onLink } from '../router';
import type { Alert, Options, Plan, Setting } from '../types';
import { Alerts, ErrorMessage } from '../ui';
import { DataStep } from './DataStep';
import { DestinationStep } from './DestinationStep';
import { KeysStep } from './KeysStep';
import { LinksStep } from './LinksStep';
import { SettingsStep } from './SettingsStep';
import { SourceStep } from './SourceStep';
import { TreatmentStep } from './TreatmentStep';

export interface StepProps {
  plan: Plan;
  update: (change: (draft: Plan) => void) => void;
  alerts: Alert[];
  settings: Setting[];
  options: Options | null;
}

export interface PlanState {
  plan: Plan | null | undefined; // undefined while loading
  alerts: Alert[];
  valid: boolean;
  saving: boolean;
  error: unknown;
}

const SAVE_DELAY_MS = 350;

export function Wizard({ step }: { step: StepId }) {
  const [state, setState] = useState<PlanState>({ plan: undefined, alerts: [], valid: false, saving: false, error: null });
  const [settings, setSettings] = useState<Setting[]>([]);
  const [options, setOptions] = useState<Options | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const generation = useRef(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const planRef = useRef<Plan | null>(null);

  const check = async (plan: Plan, save: boolean) => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, saving: true }));
    try {
      if (save) await api.savePlan(plan);
      const result = await api.validate();
      if (mine === generation.current) setState((s) => ({ ...s, alerts: result.alerts, valid: result.valid, saving: false, error: null }));
    } catch (error) {
      if (mine === generation.current) setState((s) => ({ ...s, saving: false, error }));
    }
  };

  useEffect(() => {
    api.plan().then(
      (plan) => {
        planRef.current = plan;
        setState((s) => ({ ...s, plan }));
        if (plan) check(plan, false);
      },
      (error) => setState((s) => ({ ...s, plan: null, error })),
    );
    api.settings().then(setSettings, () => setSettings([]));
    api.options().then(setOptions, () => setOptions(null));
  }, []);

  // A new step's heading takes the focus, so keyboard and screen-reader users land on it.
  useEffect(() => heading.current?.focus(), [step]);

  const update = (change: (draft: Plan) => void) => {
    if (!planRef.current) return;
    const plan = edit(planRef.current, change);
    planRef.current = plan;
    setState((s) => ({ ...s, plan, saving: true }));
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => check(plan, true), SAVE_DELAY_MS);
  };
  const replace = (plan: Plan) => {
    planRef.current = plan;
    window.clearTimeout(timer.current);
    setState((s) => ({ ...s, plan }));
    check(plan, false);
  };

  const index = STEPS.findIndex((s) => s.id === step);
  const { plan, alerts } = state;
  const here = alerts.filter((a) => stepOfAlert(a) === step);
  const props: StepProps | null = plan ? { plan, update, alerts: here, settings, options } : null;

  return (
    <div class="wizard">
      <nav class="stepper" aria-label="Wizard steps">
        <ol>
          {STEPS.map((s, i) => {
            const errors = alerts.filter((a) => a.severity === 'error' && stepOfAlert(a) === s.id).length;
            return (
              <li key={s.id}>
                <a href={`/wizard/${s.id}`} onClick={onLink} aria-current={s.id === step ? 'step' : undefined}>
                  <span class="step-number">{i + 1}</span> {s.title}
                  {errors > 0 && (
                    <span class="badge status-failed" aria-label={`${errors} errors`}>
                      {errors}
                    </span>
                  )}
                </a>
              </li>
            );
          })}
        </ol>
        <p class="save-state" aria-live="polite">
          {plan ? (state.saving ? 'Saving…' : state.valid ? 'Plan saved · valid' : 'Plan saved · not valid yet') : ''}
        </p>
        {plan && (
          <a class="small" href={api.planYamlUrl()} download>
            Download the plan (YAML)
          </a>
        )}
      </nav>
      <section class="step" aria-labelledby="step-heading">
        <h1 id="step-heading" tabIndex={-1} ref={heading}>
          Step {index + 1}: {STEPS[index].title}
        </h1>
        <ErrorMessage error={state.error} />
        {step !== 'source' && plan === null && (
          <p>
            No plan yet. <a href="/wizard/source" onClick={onLink}>Choose a source</a> first.
          </p>
        )}
        {step === 'source' && plan !== undefined && (
          <SourceStep plan={plan} replace={replace} alerts={here} />
        )}
        {props && step === 'data' && <DataStep {...props} />}
        {props && step === 'keys' && <KeysStep {...props} />}
        {props && step === 'links' && <LinksStep {...props} />}
        {props && step === 'treatment' && <TreatmentStep {...props} />}
        {props && step === 'settings' && <SettingsStep {...props} />}
        {props && step === 'destination' && <DestinationStep {...props} valid={state.valid && !state.saving} allAlerts={alerts} />}
        {props && step !== 'destination' && step !== 'source' && <Alerts alerts={here} />}
        <div class="step-nav">
          {index > 0 && (
            <a class="button secondary" href={`/wizard/${STEPS[index - 1].id}`} onClick={onLink}>
              ← Back: {STEPS[index - 1].title}
            </a>
          )}
          {index < STEPS.length - 1 && plan && (
            <a class="button next" href={`/wizard/${STEPS[index + 1].id}`} onClick={onLink}>
              Next: {STEPS[index + 1].title} →
            </a>
          )}
        </div>
      </section>
    </div>
  );
}
