import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Badge, Button, Card, CardBody, CardTitle } from 'design-react-kit';
import { api, call, failure, isFailure, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from '../../auth';
import { useNotice } from '../../components/Notice';
import { Empty, ErrorState, Loading, useProblemText } from '../../components/States';
import { Field, FormActions, FormProblem, useForm } from '../../components/Form';
import { useLoad } from '../../components/useLoad';
import { canSteer, loadWholeFeed, type Channel, type Post } from './common';
import './kinds.css';

type EventOut = Schemas['EventOut'];

/** Dates and times of events, on the wall clock of the zone each event was planned in. */
export function useEventFormat() {
  const { locale } = useI18n();
  return useMemo(() => {
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const format = (ev: EventOut, options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(locale, { ...options, timeZone: ev.time_zone });
    return {
      /** "sabato 6 dicembre 2026": the heading of a day in the agenda. */
      day: (ev: EventOut) =>
        format(ev, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
          new Date(ev.starts_at),
        ),
      /** "20:30–22:00", or the whole span when it runs over more days. */
      hours: (ev: EventOut) => {
        const start = new Date(ev.starts_at);
        const end = new Date(ev.ends_at);
        if (ev.all_day) return null;
        if (ev.starts_local.slice(0, 10) === ev.ends_local.slice(0, 10)) {
          return format(ev, { hour: '2-digit', minute: '2-digit' }).formatRange(start, end);
        }
        return format(ev, { dateStyle: 'medium', timeStyle: 'short' }).formatRange(start, end);
      },
      /** The full "when" of an event page. */
      when: (ev: EventOut) => {
        const start = new Date(ev.starts_at);
        if (ev.all_day) {
          // The end of an all-day event is the start of the day after its last day.
          const last = new Date(Math.max(start.getTime(), Date.parse(ev.ends_at) - 1));
          const days = format(ev, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
          return days.format(start) === days.format(last) ? days.format(start) : days.formatRange(start, last);
        }
        const zone = ev.time_zone !== here ? { timeZoneName: 'short' as const } : {};
        return format(ev, {
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          ...zone,
        }).formatRange(start, new Date(ev.ends_at));
      },
    };
  }, [locale]);
}

function isPast(ev: EventOut) {
  return new Date(ev.ends_at).getTime() < Date.now();
}

function placesLeft(ev: EventOut): number | null {
  return ev.capacity == null ? null : Math.max(0, ev.capacity - Number(ev.going));
}

/** What the agenda shows next to an event: cancelled, my answer, places. */
function EventBadges({ ev }: { ev: EventOut }) {
  const { t, plural } = useI18n();
  const left = placesLeft(ev);
  return (
    <p className="mb-1 d-flex flex-wrap gap-2">
      {ev.cancelled && <Badge color="danger">{t('events.cancelled')}</Badge>}
      {ev.my_rsvp === 'going' && <Badge color="success">{t('events.youGo')}</Badge>}
      {ev.my_rsvp === 'waitlist' && <Badge color="warning">{t('events.youWait')}</Badge>}
      {!ev.cancelled && left === 0 && <Badge color="secondary">{t('events.full')}</Badge>}
      {!ev.cancelled && left !== null && left > 0 && (
        <span className="text-secondary-emphasis">{plural('events.placesLeft', left)}</span>
      )}
    </p>
  );
}

/** An events channel: the agenda, by day, with past events apart. */
export function Agenda({ channel }: { channel: Channel }) {
  const { t, plural } = useI18n();
  const { status, isMember } = useAuth();
  const fmt = useEventFormat();
  const [showPast, setShowPast] = useState(false);
  const [result, retry] = useLoad(() => loadWholeFeed(channel.id), [channel.id, status]);

  const { upcoming, past } = useMemo(() => {
    const events = result.state === 'ready' ? result.data.filter((p) => p.event) : [];
    const sorted = [...events].sort((a, b) => a.event!.starts_at.localeCompare(b.event!.starts_at));
    const days = new Map<string, Post[]>();
    for (const p of sorted.filter((p) => !isPast(p.event!))) {
      const key = p.event!.starts_local.slice(0, 10);
      days.set(key, [...(days.get(key) ?? []), p]);
    }
    return { upcoming: [...days.entries()], past: sorted.filter((p) => isPast(p.event!)).reverse() };
  }, [result]);

  return (
    <>
      <div className="d-flex flex-wrap gap-3 align-items-center my-3">
        {status === 'signed-in' && isMember(channel.community) && (
          <Link className="btn btn-primary" to={`/channels/${channel.id}/new-event`}>
            {t('events.create')}
          </Link>
        )}
        <a className="btn btn-outline-primary" href={`/api/v1/communities/${channel.community}/events.ics`} download>
          {t('events.calendarAll')}
        </a>
      </div>
      {status === 'signed-in' && !isMember(channel.community) && (
        <p>
          <Link to={`/c/${channel.community}`}>{t('events.joinToCreate')}</Link>
        </p>
      )}
      {status === 'anonymous' && (
        <p>
          <Link to={`/sign-in?next=/channels/${channel.id}`}>{t('events.signInToTakePart')}</Link>
        </p>
      )}
      <h2 className="mt-4">{t('events.upcoming')}</h2>
      {result.state === 'loading' && <Loading />}
      {result.state === 'error' && <ErrorState failure={result.failure} retry={retry} />}
      {result.state === 'ready' && upcoming.length === 0 && <Empty>{t('events.noUpcoming')}</Empty>}
      {upcoming.map(([key, posts]) => (
        <section key={key} aria-labelledby={`day-${key}`} className="agenda-day mb-4">
          <h3 id={`day-${key}`} className="h5 agenda-day-heading">
            {fmt.day(posts[0].event!)}
          </h3>
          <ul className="list-unstyled">
            {posts.map((p) => (
              <EventItem key={p.id} post={p} />
            ))}
          </ul>
        </section>
      ))}
      {result.state === 'ready' && past.length > 0 && (
        <section aria-labelledby="past-heading" className="mt-4">
          <h2 id="past-heading">{t('events.past')}</h2>
          <Button
            color="primary"
            outline
            aria-expanded={showPast}
            aria-controls="past-list"
            onClick={() => setShowPast((s) => !s)}
          >
            {showPast ? t('events.hidePast') : plural('events.showPast', past.length)}
          </Button>
          {showPast && (
            <ul id="past-list" className="list-unstyled mt-3">
              {past.map((p) => (
                <EventItem key={p.id} post={p} withDay />
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

function EventItem({ post, withDay }: { post: Post; withDay?: boolean }) {
  const { t } = useI18n();
  const fmt = useEventFormat();
  const ev = post.event!;
  const hours = fmt.hours(ev);
  const place = [ev.location.name, ev.location.address].filter(Boolean).join(', ');
  return (
    <li className="mb-3">
      <Card shadow="sm" rounded className={ev.cancelled ? 'event-cancelled' : undefined}>
        <CardBody>
          <CardTitle tag="h4" className="h5">
            <Link to={`/posts/${post.id}`}>{post.title}</Link>
          </CardTitle>
          <p className="mb-1 fw-semibold">
            {withDay && <>{fmt.day(ev)}, </>}
            {hours ?? t('events.allDay')}
          </p>
          {place && <p className="mb-1">{place}</p>}
          {ev.online_url && !place && <p className="mb-1">{t('events.online')}</p>}
          <EventBadges ev={ev} />
        </CardBody>
      </Card>
    </li>
  );
}

/** The event part of a post page: when, where, places, the RSVP and the calendar file. */
export function EventDetails({ post: initial, channel }: { post: Post; channel: Channel }) {
  const { t, plural, formatNumber } = useI18n();
  const { status, isMember, me } = useAuth();
  const { say } = useNotice();
  const problemText = useProblemText();
  const fmt = useEventFormat();
  const [post, setPost] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ev = post.event!;
  const left = placesLeft(ev);
  const past = isPast(ev);

  const answer = async (going: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const path = { params: { path: { id: post.id } } };
      let now: string | null = null;
      if (going) now = (await call(api.POST('/api/v1/posts/{id}/rsvp', path))).status;
      else await call(api.DELETE('/api/v1/posts/{id}/rsvp', path));
      setPost(await call(api.GET('/api/v1/posts/{id}', path)));
      say(t(now === 'going' ? 'events.saidGoing' : now === 'waitlist' ? 'events.saidWaitlist' : 'events.saidNotGoing'));
    } catch (e) {
      setError(problemText(isFailure(e) ? e : failure(null)));
    } finally {
      setBusy(false);
    }
  };

  const place = [ev.location.name, ev.location.address].filter(Boolean);
  const mayCancel =
    !ev.cancelled && !past && status === 'signed-in' && (me?.username === post.author.username || canSteer(channel));
  return (
    <section aria-labelledby="event-heading" className="event-details my-4">
      <h2 id="event-heading" className="visually-hidden">
        {t('events.details')}
      </h2>
      {ev.cancelled && (
        <Alert color="danger">
          <strong>{t('events.cancelledLong')}</strong>
          {ev.cancel_reason && <> {t('events.cancelReason', { reason: ev.cancel_reason })}</>}
        </Alert>
      )}
      {!ev.cancelled && past && <Alert color="info">{t('events.isPast')}</Alert>}
      <dl className="event-facts">
        <dt>{t('events.when')}</dt>
        <dd>{fmt.when(ev)}</dd>
        <dt>{t('events.where')}</dt>
        <dd>
          {place.length > 0 ? place.join(', ') : t('events.noPlace')}
          {ev.online_url && (
            <>
              {place.length > 0 && <br />}
              <a href={ev.online_url} rel="noopener noreferrer" target="_blank">
                {t('events.onlineLink')}
              </a>
            </>
          )}
        </dd>
        <dt>{t('events.places')}</dt>
        <dd>
          {ev.capacity == null
            ? t('events.noLimit')
            : t('events.placesOf', { left: formatNumber(left ?? 0), capacity: formatNumber(ev.capacity) })}
        </dd>
        <dt>{t('events.people')}</dt>
        <dd>
          {plural('events.going', Number(ev.going))}
          {Number(ev.waitlist) > 0 && <>, {plural('events.waiting', Number(ev.waitlist))}</>}
        </dd>
      </dl>

      <div className="rsvp-box p-3 rounded border mb-3">
        {ev.my_rsvp === 'going' && <p className="fw-semibold mb-2">{t('events.youGoLong')}</p>}
        {ev.my_rsvp === 'waitlist' && <p className="fw-semibold mb-2">{t('events.youWaitLong')}</p>}
        {!ev.cancelled && !past && status === 'signed-in' && isMember(channel.community) && (
          <div className="d-flex flex-wrap gap-3 toggle-buttons">
            {ev.my_rsvp ? (
              <Button color="primary" outline onClick={() => answer(false)} disabled={busy}>
                {ev.my_rsvp === 'going' ? t('events.notGoing') : t('events.leaveWaitlist')}
              </Button>
            ) : (
              <Button color="primary" onClick={() => answer(true)} disabled={busy}>
                {left === 0 ? t('events.joinWaitlist') : t('events.goingButton')}
              </Button>
            )}
          </div>
        )}
        {!ev.cancelled && !past && status === 'signed-in' && !isMember(channel.community) && (
          <Link to={`/c/${channel.community}`}>{t('events.joinToTakePart')}</Link>
        )}
        {!ev.cancelled && !past && status === 'anonymous' && (
          <Link to={`/sign-in?next=/posts/${post.id}`}>{t('events.signInToTakePart')}</Link>
        )}
        {error && (
          <p role="alert" className="text-danger fw-semibold mt-2 mb-0">
            {error}
          </p>
        )}
        {!ev.cancelled && (
          <p className="mt-3 mb-0">
            <a href={`/api/v1/posts/${post.id}/event.ics`} download>
              {t('events.addToCalendar')}
            </a>
          </p>
        )}
      </div>
      {mayCancel && <CancelEvent postId={post.id} onDone={setPost} />}
    </section>
  );
}

/** The author or a moderator calls the event off, saying why. */
function CancelEvent({ postId, onDone }: { postId: string; onDone: (p: Post) => void }) {
  const { t } = useI18n();
  const { say } = useNotice();
  const form = useForm();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <Button color="danger" outline size="sm" onClick={() => setOpen(true)} aria-expanded={false}>
        {t('events.cancelEvent')}
      </Button>
    );
  }
  return (
    <form
      noValidate
      className="mt-3"
      onSubmit={form.submit(async () => {
        const path = { params: { path: { id: postId } } };
        await call(api.POST('/api/v1/posts/{id}/cancellation', { ...path, body: { reason } }));
        onDone(await call(api.GET('/api/v1/posts/{id}', path)));
        say(t('events.cancelledNow'));
      })}
    >
      <FormProblem form={form} />
      <Field
        id="reason"
        label={t('events.cancelReasonLabel')}
        hint={t('events.cancelReasonHint')}
        value={reason}
        onChange={setReason}
        errors={form.fields.reason}
        multiline
        rows={2}
      />
      <FormActions>
        <Button type="submit" color="danger" disabled={form.busy}>
          {t('events.cancelConfirm')}
        </Button>
        <Button type="button" color="secondary" outline onClick={() => setOpen(false)}>
          {t('post.cancel')}
        </Button>
      </FormActions>
    </form>
  );
}
