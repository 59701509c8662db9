import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, Toggle } from 'design-react-kit';
import { api, call, type Failure } from '../api/client';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { ErrorState, Loading } from '../components/States';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { useLoad } from '../components/useLoad';
import { useTitle } from '../components/useTitle';
import { Trail } from '../components/Trail';

/** The day after `date` (YYYY-MM-DD), for the end of an all-day event. */
function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Organising an event in an events channel: the fields of the API's new post. */
export default function NewEvent() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { status, isMember } = useAuth();
  const [result, retry] = useLoad(async () => {
    const channel = await call(api.GET('/api/v1/channels/{id}', { params: { path: { id } } }));
    const community = await call(
      api.GET('/api/v1/communities/{slug}', { params: { path: { slug: channel.community } } }),
    );
    return { channel, community };
  }, [id]);
  useTitle(t('events.createTitle'));
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'error') return <ErrorState failure={result.failure} retry={retry} />;
  const { channel, community } = result.data;
  return (
    <>
      <Trail
        items={[
          { label: community.name, to: `/c/${community.slug}` },
          { label: channel.name, to: `/channels/${channel.id}` },
          { label: t('events.createTitle') },
        ]}
      />
      <h1>{t('events.createTitle')}</h1>
      {status === 'loading' && <Loading />}
      {status === 'anonymous' && (
        <p>
          <Link to={`/sign-in?next=/channels/${channel.id}/new-event`}>{t('events.signInToCreate')}</Link>
        </p>
      )}
      {status === 'signed-in' && !isMember(channel.community) && (
        <p>
          <Link to={`/c/${channel.community}`}>{t('events.joinToCreate')}</Link>
        </p>
      )}
      {status === 'signed-in' && isMember(channel.community) && <EventForm channelId={channel.id} />}
    </>
  );
}

function EventForm({ channelId }: { channelId: string }) {
  const { t } = useI18n();
  const { say } = useNotice();
  const navigate = useNavigate();
  const form = useForm();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [date, setDate] = useState('');
  const [allDay, setAllDay] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [lastDay, setLastDay] = useState('');
  const [placeName, setPlaceName] = useState('');
  const [address, setAddress] = useState('');
  const [online, setOnline] = useState('');
  const [capacity, setCapacity] = useState('');
  const f = form.fields;
  const cap = capacity.trim();
  return (
    <form
      noValidate
      className="form-narrow"
      onSubmit={form.submit(async () => {
        if (cap !== '' && !/^\d+$/.test(cap)) {
          // Not a whole number: said next to the field, as the server says its own reasons.
          const refusal: Failure = {
            status: 422,
            code: 'validation_failed',
            detail: '',
            fields: { capacity: [{ code: 'whole_number', message: '' }] },
          };
          throw refusal;
        }
        const end = lastDay || date;
        const starts_at = date ? `${date}T${allDay ? '00:00' : from || '00:00'}` : null;
        const ends_at = !end ? null : allDay ? `${nextDay(end)}T00:00` : to ? `${end}T${to}` : null;
        const post = await call(
          api.POST('/api/v1/channels/{id}/posts', {
            params: { path: { id: channelId } },
            body: {
              title,
              body,
              starts_at,
              ends_at,
              all_day: allDay,
              location: placeName || address ? { name: placeName, address } : null,
              online_url: online.trim() || null,
              capacity: cap === '' ? null : Number(cap),
            },
          }),
        );
        say(t('events.created'), true);
        navigate(`/posts/${post.id}`);
      })}
    >
      <FormProblem form={form} />
      <Field id="title" label={t('events.fieldTitle')} value={title} onChange={setTitle} errors={f.title} required />
      <Field
        id="body"
        label={t('events.fieldBody')}
        value={body}
        onChange={setBody}
        errors={f.body}
        hint={t('post.bodyHint')}
        multiline
        rows={4}
      />
      <fieldset className="mb-4">
        <legend className="h5">{t('events.fieldWhen')}</legend>
        <Field id="starts_at" type="date" label={t('events.fieldDate')} value={date} onChange={setDate} errors={f.starts_at} required />
        <div className="mb-4">
          <Toggle
            id="all_day"
            label={t('events.fieldAllDay')}
            checked={allDay}
            onChange={(e) => setAllDay(e.target.checked)}
          />
          <span id="all_dayDescription" className="visually-hidden">
            {t('events.fieldAllDayHint')}
          </span>
        </div>
        {!allDay && (
          <>
            <Field id="from" type="time" label={t('events.fieldFrom')} value={from} onChange={setFrom} required />
            <Field id="ends_at" type="time" label={t('events.fieldTo')} value={to} onChange={setTo} errors={f.ends_at} required />
          </>
        )}
        <Field
          id={allDay ? 'ends_at' : 'last_day'}
          type="date"
          label={t('events.fieldLastDay')}
          hint={t('events.fieldLastDayHint')}
          value={lastDay}
          onChange={setLastDay}
          errors={allDay ? f.ends_at : undefined}
        />
      </fieldset>
      <fieldset className="mb-4">
        <legend className="h5">{t('events.fieldWhere')}</legend>
        <Field id="place" label={t('events.fieldPlace')} hint={t('events.fieldPlaceHint')} value={placeName} onChange={setPlaceName} errors={f['location.name'] ?? f.location} />
        <Field id="address" label={t('events.fieldAddress')} value={address} onChange={setAddress} errors={f['location.address']} />
        <Field
          id="online_url"
          type="url"
          label={t('events.fieldOnline')}
          hint={t('events.fieldOnlineHint')}
          value={online}
          onChange={setOnline}
          errors={f.online_url}
        />
      </fieldset>
      <Field
        id="capacity"
        inputMode="numeric"
        label={t('events.fieldCapacity')}
        hint={t('events.fieldCapacityHint')}
        value={capacity}
        onChange={setCapacity}
        errors={f.capacity}
      />
      <FormActions>
        <Button type="submit" color="primary" disabled={form.busy}>
          {form.busy ? t('post.publishing') : t('events.publish')}
        </Button>
      </FormActions>
    </form>
  );
}
