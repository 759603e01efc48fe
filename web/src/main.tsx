import { render } from 'preact';
import { Executions } from './executions/Executions';
import { STEPS, type StepId } from './plan';
import { onLink, usePath } from './router';
import { Wizard } from './wizard/Wizard';
import './styles.css';

function App() {
  const path = usePath();
  const wizard = /^\/wizard\/([a-z]+)/.exec(path);
  const execution = /^\/executions(?:\/(\d+))?/.exec(path);
  const step = STEPS.find((s) => s.id === wizard?.[1])?.id as StepId | undefined;
  let page;
  if (execution) page = <Executions id={execution[1] ? Number(execution[1]) : null} />;
  else page = <Wizard step={step ?? 'source'} />;
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">relsynth</span>
        <nav aria-label="Main">
          <a href="/wizard/source" onClick={onLink} aria-current={!execution ? 'page' : undefined}>
            Plan
          </a>
          <a href="/executions" onClick={onLink} aria-current={execution ? 'page' : undefined}>
            Executions
          </a>
        </nav>
      </header>
      <main id="main">{page}</main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
