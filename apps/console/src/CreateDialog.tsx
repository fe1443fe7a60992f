import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { useMutation } from 'urql';
import { useAnnounce } from './announcer.js';
import {
  checkForm,
  CREATE_FIELDS,
  SubmissionKeys,
  toInput,
  type CreateField,
  type FieldProblem,
  type FormValues,
} from './create-form.js';
import { codeOf } from './errors.js';
import { readFragment } from './graphql.js';
import { useI18n, type Translate } from './i18n/i18n.js';
import { formatDue } from './instances-view.js';
import { CreateInstanceMutation, InstanceRowFields } from './operations.js';
import type { VariablesOf } from './graphql.js';
import { useViewer } from './viewer.js';

interface Candidate {
  id: string;
  name: string;
  created: string | null;
  due: string | null;
}

const GROUPS: { kinds: CreateField['kind'][]; legend?: 'webhooksGroup' | 'optionsGroup' }[] = [
  { kinds: ['name', 'text'] },
  { kinds: ['url'], legend: 'webhooksGroup' },
  { kinds: ['flag'], legend: 'optionsGroup' },
];

function problemText(t: Translate, problem: FieldProblem, field: CreateField): string {
  if (problem === 'tooLong') return t('problem_tooLong', { max: field.maxLength ?? 0 });
  return t(`problem_${problem}`);
}

/**
 * The create form, generated from the schema's field list (create-fields.json): labels in the
 * current language, the schema's rules checked while typing, the gateway's userErrors at their
 * field. One idempotency key per submission: a double click or a retry of the same input never
 * creates twice.
 */
export function CreateDialog(props: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t, locale } = useI18n();
  const viewer = useViewer();
  const announce = useAnnounce();
  const ref = useRef<HTMLDialogElement>(null);
  const keys = useRef(new SubmissionKeys());
  const inFlight = useRef(false);
  const [, createInstance] = useMutation(CreateInstanceMutation);
  const [values, setValues] = useState<FormValues>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [candidates, setCandidates] = useState<Candidate[]>();
  const [busy, setBusy] = useState(false);
  const baseId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const problems = checkForm(values, viewer.sandbox);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setSubmitted(true);
    // A second click while the first is on its way sends nothing more.
    if (inFlight.current) return;
    if (Object.keys(problems).length > 0) {
      setFormError(t('fixFields'));
      const first = CREATE_FIELDS.find((field) => problems[field.name]);
      if (first) document.getElementById(`${baseId}-${first.name}`)?.focus();
      return;
    }
    const input = toInput(values) as VariablesOf<typeof CreateInstanceMutation>['input'];
    const idempotencyKey = keys.current.keyFor(input);
    inFlight.current = true;
    setBusy(true);
    setFormError(undefined);
    setCandidates(undefined);
    setServerErrors({});
    const result = await createInstance({ input, idempotencyKey });
    inFlight.current = false;
    setBusy(false);
    const payload = result.data?.createInstance;
    if (payload?.instance) {
      keys.current.settle();
      const instance = readFragment(InstanceRowFields, payload.instance);
      announce(t('created', { name: instance.name }));
      props.onCreated(instance.id);
      props.onClose();
      return;
    }
    if (payload && payload.userErrors.length > 0) {
      // Refused before anything was sent: a corrected input gets a new key anyway.
      keys.current.settle();
      const byField: Record<string, string> = {};
      const general: string[] = [];
      for (const error of payload.userErrors) {
        const name = error.field[error.field.length - 1];
        if (name && CREATE_FIELDS.some((field) => field.name === name))
          byField[name] = error.message;
        else general.push(error.message);
      }
      setServerErrors(byField);
      setFormError(general.join(' ') || t('fixFields'));
      announce(t('fixFields'));
      return;
    }
    const error = result.error?.graphQLErrors[0];
    const code = error?.extensions.code;
    if (code === 'ZAPI_OUTCOME_UNKNOWN') {
      // Keep the key: trying the same input again answers what happened, never creates twice.
      setCandidates((error?.extensions.candidates as Candidate[] | undefined) ?? []);
      setFormError(t('outcomeUnknown', { name: input.name }));
      announce(t('outcomeUnknown', { name: input.name }));
      return;
    }
    const message = t('errorCode', {
      code: codeOf(result.error),
      message: error?.message ?? result.error?.message ?? '',
    });
    setFormError(message);
    announce(message);
  };

  const fieldInput = (field: CreateField) => {
    const id = `${baseId}-${field.name}`;
    const label = locale === 'pt-BR' ? field.descriptionPtBr : field.description;
    const local = touched.has(field.name) || submitted ? problems[field.name] : undefined;
    const message = serverErrors[field.name] ?? (local ? problemText(t, local, field) : undefined);
    const errorId = `${id}-error`;
    const onBlur = () => {
      setTouched((previous) => new Set(previous).add(field.name));
    };
    if (field.kind === 'flag') {
      return (
        <div className="field flag" key={field.name}>
          <input
            id={id}
            type="checkbox"
            name={field.name}
            checked={values[field.name] === true}
            onChange={(event) => {
              setValues({ ...values, [field.name]: event.target.checked });
            }}
          />
          <label htmlFor={id}>{label}</label>
        </div>
      );
    }
    return (
      <div className="field" key={field.name}>
        <label htmlFor={id}>
          {label} <span className="hint">({field.required ? t('required') : t('optional')})</span>
        </label>
        <input
          id={id}
          name={field.name}
          type={field.kind === 'url' ? 'url' : 'text'}
          inputMode={field.kind === 'url' ? 'url' : undefined}
          required={field.required}
          maxLength={field.maxLength}
          value={typeof values[field.name] === 'string' ? (values[field.name] as string) : ''}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? errorId : undefined}
          onBlur={onBlur}
          onChange={(event) => {
            setValues({ ...values, [field.name]: event.target.value });
            if (serverErrors[field.name]) {
              setServerErrors(
                Object.fromEntries(
                  Object.entries(serverErrors).filter(([name]) => name !== field.name),
                ),
              );
            }
          }}
        />
        {message && (
          <p id={errorId} className="error field-error">
            {message}
          </p>
        )}
      </div>
    );
  };

  return (
    <dialog
      ref={ref}
      className="create"
      aria-labelledby={`${baseId}-title`}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          void submit(event);
        }}
      >
        <h2 id={`${baseId}-title`}>{t('createTitle')}</h2>
        {GROUPS.map((group) => {
          const fields = CREATE_FIELDS.filter((field) => group.kinds.includes(field.kind));
          return group.legend ? (
            <fieldset key={group.legend}>
              <legend>{t(group.legend)}</legend>
              {fields.map(fieldInput)}
            </fieldset>
          ) : (
            <div key="main">{fields.map(fieldInput)}</div>
          );
        })}
        {formError && (
          <div className="error" role="alert" data-testid="form-error">
            <p>{formError}</p>
            {candidates && (
              <ul data-testid="candidates">
                {candidates.length === 0 && <li>{t('noCandidates')}</li>}
                {candidates.map((candidate) => (
                  <li key={candidate.id}>
                    {candidate.name} ({candidate.id})
                    {candidate.due ? ` · ${formatDue(candidate.due, locale) ?? ''}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="buttons">
          <button type="button" onClick={props.onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" aria-disabled={busy || undefined}>
            {busy ? t('creating') : t('create')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
