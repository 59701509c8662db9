// An event's details (when, where, places) as form fields, shared by organising an event
// (NewEvent) and changing one (PostEditing).
import { useState } from 'react';
import { Toggle } from 'design-react-kit';
import type { Failure, FieldErrors, Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { Field } from '../components/Form';

type EventOut = Schemas['EventOut'];
type Location = Schemas['LocationOut'];

/** What the detail fields hold, as typed: dates `YYYY-MM-DD`, times `HH:MM`. */
export interface EventValues {
  date: string;
  allDay: boolean;
  from: string;
  to: string;
  /** Only when the event runs over more than one day. */
  lastDay: string;
  placeName: string;
  address: string;
  online: string;
  capacity: string;
}

export const noEventValues: EventValues = {
  date: '',
  allDay: false,
  from: '',
  to: '',
  lastDay: '',
  placeName: '',
  address: '',
  online: '',
  capacity: '',
};

/** The day after `date` (YYYY-MM-DD), for the end of an all-day event. */
function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The day before `date` (YYYY-MM-DD). */
function previousDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The fields of an existing event, from its wall-clock times in its own zone (`starts_local`,
 * `ends_local`), so that the times sent back are read in the same zone.
 */
export function eventValuesOf(ev: EventOut): EventValues {
  const date = ev.starts_local.slice(0, 10);
  const endDate = ev.ends_local.slice(0, 10);
  const endTime = ev.ends_local.slice(11, 16);
  // An all-day event ends at the start of the day after its last day.
  const last = ev.all_day && endTime === '00:00' && endDate > date ? previousDay(endDate) : endDate;
  return {
    date,
    allDay: ev.all_day,
    from: ev.all_day ? '' : ev.starts_local.slice(11, 16),
    to: ev.all_day ? '' : endTime,
    lastDay: last !== date ? last : '',
    placeName: ev.location.name ?? '',
    address: ev.location.address ?? '',
    online: ev.online_url ?? '',
    capacity: ev.capacity == null ? '' : String(ev.capacity),
  };
}

/** The fields' state and a setter for each. */
export function useEventValues(initial: EventValues = noEventValues) {
  const [values, setValues] = useState(initial);
  const set =
    <K extends keyof EventValues>(key: K) =>
    (value: EventValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }));
  return { values, set };
}

/** The API's fields for these values (local times, read in the event's zone). */
export function eventBody(v: EventValues) {
  const cap = v.capacity.trim();
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
  const end = v.lastDay || v.date;
  const starts_at = v.date ? `${v.date}T${v.allDay ? '00:00' : v.from || '00:00'}` : null;
  const ends_at = !end ? null : v.allDay ? `${nextDay(end)}T00:00` : v.to ? `${end}T${v.to}` : null;
  const location: Location | null =
    v.placeName || v.address ? { name: v.placeName, address: v.address } : null;
  return {
    starts_at,
    ends_at,
    all_day: v.allDay,
    location,
    online_url: v.online.trim() || null,
    capacity: cap === '' ? null : Number(cap),
  };
}

/**
 * The detail fields: when (day, all day, start and end time, last day), where (place, address,
 * online link) and the number of places. `prefix` keeps ids unique on a page with other forms;
 * `capacityHint` replaces the places' hint.
 */
export function EventFields({
  values: v,
  set,
  errors: f,
  prefix = '',
  capacityHint,
  whenHint,
}: {
  values: EventValues;
  set: ReturnType<typeof useEventValues>['set'];
  errors: FieldErrors;
  prefix?: string;
  capacityHint?: string;
  whenHint?: string;
}) {
  const { t } = useI18n();
  const id = (name: string) => `${prefix}${name}`;
  return (
    <>
      <fieldset className="mb-4">
        <legend className="h5">{t('events.fieldWhen')}</legend>
        {whenHint && <p className="field-hint">{whenHint}</p>}
        <Field id={id('starts_at')} type="date" label={t('events.fieldDate')} value={v.date} onChange={set('date')} errors={f.starts_at} required />
        <div className="mb-4">
          <Toggle
            id={id('all_day')}
            label={t('events.fieldAllDay')}
            checked={v.allDay}
            onChange={(e) => set('allDay')(e.target.checked)}
          />
          <span id={`${id('all_day')}Description`} className="visually-hidden">
            {t('events.fieldAllDayHint')}
          </span>
        </div>
        {!v.allDay && (
          <>
            <Field id={id('from')} type="time" label={t('events.fieldFrom')} value={v.from} onChange={set('from')} required />
            <Field id={id('ends_at')} type="time" label={t('events.fieldTo')} value={v.to} onChange={set('to')} errors={f.ends_at} required />
          </>
        )}
        <Field
          id={v.allDay ? id('ends_at') : id('last_day')}
          type="date"
          label={t('events.fieldLastDay')}
          hint={t('events.fieldLastDayHint')}
          value={v.lastDay}
          onChange={set('lastDay')}
          errors={v.allDay ? f.ends_at : undefined}
        />
      </fieldset>
      <fieldset className="mb-4">
        <legend className="h5">{t('events.fieldWhere')}</legend>
        <Field
          id={id('place')}
          label={t('events.fieldPlace')}
          hint={t('events.fieldPlaceHint')}
          value={v.placeName}
          onChange={set('placeName')}
          errors={f['location.name'] ?? f.location}
        />
        <Field id={id('address')} label={t('events.fieldAddress')} value={v.address} onChange={set('address')} errors={f['location.address']} />
        <Field
          id={id('online_url')}
          type="url"
          label={t('events.fieldOnline')}
          hint={t('events.fieldOnlineHint')}
          value={v.online}
          onChange={set('online')}
          errors={f.online_url}
        />
      </fieldset>
      <Field
        id={id('capacity')}
        inputMode="numeric"
        label={t('events.fieldCapacity')}
        hint={capacityHint ?? t('events.fieldCapacityHint')}
        value={v.capacity}
        onChange={set('capacity')}
        errors={f.capacity}
      />
    </>
  );
}
