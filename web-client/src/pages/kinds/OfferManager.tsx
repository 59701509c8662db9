import { useEffect, useMemo, useRef, useState } from 'react';
import { Badge, Button } from 'design-react-kit';
import { api, call, failure, isFailure, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/it';
import { useAuth } from '../../auth';
import { isAdmin } from '../../components/roles';
import { useNotice } from '../../components/Notice';
import { Empty, ErrorState, Loading } from '../../components/States';
import { Field, FormActions, FormProblem, useForm } from '../../components/Form';
import { OtherErrors, useExplain } from '../../components/AuthorFields';
import { useLoad } from '../../components/useLoad';
import { useReason, type Post } from './common';

type Offer = Schemas['OfferOut'];

/** Today's date (YYYY-MM-DD) on the listing's wall clock. */
function todayIn(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

/** A calendar day (YYYY-MM-DD) in the reader's language, e.g. "1 dicembre 2026". */
function useDayFormat() {
  const { locale } = useI18n();
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    return (day: string) => {
      const d = new Date(`${day}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? day : f.format(d);
    };
  }, [locale]);
}

/**
 * Who may manage a listing's offers, as far as the client can tell: members of the owning
 * organisation and admins. The server decides; its refusal is shown.
 */
export function canManageOffers(me: Schemas['MeView'] | null, post: Post): boolean {
  const slug = post.listing?.organization.slug;
  return !!me && !!slug && (isAdmin(me) || me.organizations.some((o) => o.slug === slug));
}

/**
 * A listing's offers for the people who run it: every offer with its state (valid today, to come,
 * ended), adding one, and deleting one after a confirmation. `onChanged` gets the offers valid
 * today after each change, for the part of the page residents see.
 */
export function OfferManager({ post, onChanged }: { post: Post; onChanged: (current: Offer[]) => void }) {
  const { me } = useAuth();
  return canManageOffers(me, post) ? <Manager post={post} onChanged={onChanged} /> : null;
}

function Manager({ post, onChanged }: { post: Post; onChanged: (current: Offer[]) => void }) {
  const { t } = useI18n();
  const { status } = useAuth();
  const { say } = useNotice();
  const reason = useReason();
  const [round, setRound] = useState(0);
  const [offers, retry] = useLoad(
    () => call(api.GET('/api/v1/posts/{id}/offers', { params: { path: { id: post.id } } })),
    [post.id, status, round],
  );
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ id: string; text: string } | null>(null);
  const [focus, setFocus] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const dayText = useDayFormat();

  useEffect(() => {
    if (offers.state === 'ready') onChanged(offers.data.filter((o) => o.state === 'current'));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [offers]);
  useEffect(() => {
    if (!focus) return;
    const el = focus === 'heading' ? listHeading.current : document.getElementById(focus);
    el?.focus();
    setFocus(null);
  }, [focus, offers]);

  const ask = (id: string) => {
    setError(null);
    setConfirming(id);
    setFocus(`offer-confirm-${id}`);
  };
  const cancel = (id: string) => {
    setConfirming(null);
    setFocus(`offer-delete-${id}`);
  };
  const remove = async (offer: Offer) => {
    setBusy(true);
    setError(null);
    try {
      await call(
        api.DELETE('/api/v1/posts/{id}/offers/{offer_id}', { params: { path: { id: post.id, offer_id: offer.id } } }),
      );
      setConfirming(null);
      say(t('author.offerDeleted', { title: offer.title }));
      setRound((r) => r + 1);
      setFocus('heading');
    } catch (e) {
      setError({ id: offer.id, text: reason(isFailure(e) ? e : failure(null)) });
      setFocus(`offer-confirm-${offer.id}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="offers-manage-heading" className="offer-manager mt-4 p-3 rounded border">
      <h3 id="offers-manage-heading" className="h5" ref={listHeading} tabIndex={-1}>
        {t('author.offersManage')}
      </h3>
      <p>{t('author.offersManageIntro')}</p>
      {offers.state === 'loading' && <Loading />}
      {offers.state === 'error' && <ErrorState failure={offers.failure} retry={retry} />}
      {offers.state === 'ready' && offers.data.length === 0 && <Empty>{t('author.offersNone')}</Empty>}
      {offers.state === 'ready' && offers.data.length > 0 && (
        <ul className="list-unstyled offer-list">
          {offers.data.map((o) => (
            <li key={o.id} className="offer-item mb-3 pb-3 border-bottom">
              <p className="mb-1 d-flex flex-wrap gap-2 align-items-center">
                <span className="fw-semibold">{o.title}</span>
                <OfferState state={o.state} />
              </p>
              {o.description && <p className="mb-1">{o.description}</p>}
              <p className="mb-2">{t('author.offerDates', { from: dayText(o.valid_from), until: dayText(o.valid_until) })}</p>
              {confirming === o.id ? (
                <div className="offer-confirm d-flex flex-wrap gap-2 align-items-center" role="group" aria-labelledby={`offer-confirm-q-${o.id}`}>
                  <p id={`offer-confirm-q-${o.id}`} className="mb-0 w-100 fw-semibold">
                    {t('author.offerConfirm', { title: o.title })}
                  </p>
                  <Button id={`offer-confirm-${o.id}`} type="button" color="primary" size="sm" disabled={busy} onClick={() => remove(o)}>
                    {t('author.offerConfirmYes')}
                  </Button>
                  <Button type="button" color="primary" outline size="sm" disabled={busy} onClick={() => cancel(o.id)}>
                    {t('author.offerConfirmNo')}
                  </Button>
                </div>
              ) : (
                <Button
                  id={`offer-delete-${o.id}`}
                  type="button"
                  color="primary"
                  outline
                  size="sm"
                  aria-label={t('author.offerDeleteLabel', { title: o.title })}
                  onClick={() => ask(o.id)}
                >
                  {t('author.offerDelete')}
                </Button>
              )}
              {error?.id === o.id && (
                <p role="alert" className="text-danger fw-semibold mb-0 mt-2">
                  {error.text}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <NewOffer post={post} onAdded={() => setRound((r) => r + 1)} />
    </section>
  );
}

function OfferState({ state }: { state: string }) {
  const { t } = useI18n();
  const key = `author.offerState.${state}` as MessageKey;
  const text = t(key);
  return <Badge color={state === 'current' ? 'success' : 'secondary'}>{text === key ? state : text}</Badge>;
}

function NewOffer({ post, onAdded }: { post: Post; onAdded: () => void }) {
  const { t } = useI18n();
  const { say } = useNotice();
  const form = useForm();
  const explain = useExplain();
  const today = todayIn(post.listing?.time_zone ?? 'Europe/Rome');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [from, setFrom] = useState(today);
  const [until, setUntil] = useState('');
  const f = form.fields;
  const dateText = { invalid: 'author.offerDateInvalid', required: 'author.offerDateInvalid' } as const;
  return (
    <form
      noValidate
      aria-labelledby="offer-new-heading"
      className="mt-4"
      onSubmit={form.submit(async () => {
        const offer = await call(
          api.POST('/api/v1/posts/{id}/offers', {
            params: { path: { id: post.id } },
            body: { title, description, valid_from: from, valid_until: until },
          }),
        );
        say(t('author.offerAdded', { title: offer.title }));
        setTitle('');
        setDescription('');
        setFrom(today);
        setUntil('');
        onAdded();
      })}
    >
      <h4 id="offer-new-heading" className="h6">
        {t('author.offerNew')}
      </h4>
      <FormProblem form={form} />
      <OtherErrors fields={f} shown={['title', 'description', 'valid_from', 'valid_until']} />
      <Field id="offer-title" label={t('author.offerTitle')} hint={t('author.offerTitleHint')} value={title} onChange={setTitle} errors={f.title} required />
      <Field
        id="offer-description"
        label={t('author.offerDescription')}
        hint={t('author.offerDescriptionHint')}
        value={description}
        onChange={setDescription}
        errors={f.description}
        multiline
        rows={3}
      />
      <Field
        id="offer-from"
        type="date"
        label={t('author.offerFrom')}
        value={from}
        onChange={setFrom}
        errors={explain(f.valid_from, dateText)}
        required
      />
      <Field
        id="offer-until"
        type="date"
        label={t('author.offerUntil')}
        hint={t('author.offerUntilHint')}
        value={until}
        onChange={setUntil}
        errors={explain(f.valid_until, { ...dateText, before_start: 'author.offerUntilBefore' })}
        required
      />
      <FormActions>
        <Button type="submit" color="primary" disabled={form.busy}>
          {form.busy ? t('post.sending') : t('author.offerAdd')}
        </Button>
      </FormActions>
    </form>
  );
}
