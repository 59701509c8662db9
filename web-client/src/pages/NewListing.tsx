import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from 'design-react-kit';
import { api, call, type FieldErrors, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { ErrorState, Loading } from '../components/States';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { OtherErrors, SelectField, useExplain } from '../components/AuthorFields';
import { useLoad } from '../components/useLoad';
import { isAdmin } from '../components/roles';
import { ChannelScreen } from '../components/ChannelScreen';

type Category = Schemas['CategoryOut'];
type Organization = { slug: string; name: string };

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Week-day names in the reader's language, Monday first. */
function useDayNames(): string[] {
  const { locale } = useI18n();
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
    // 2024-01-01 was a Monday.
    return DAYS.map((_, i) => f.format(new Date(Date.UTC(2024, 0, 1 + i))));
  }, [locale]);
}

/**
 * A time as the server wants it (`HH:MM`) from the ways people write one: `9`, `9:30`, `9.30`,
 * `0930`. Anything else is sent as typed, for the server to explain.
 */
function normaliseTime(text: string): string {
  const m = text.trim().match(/^(\d{1,2})(?:[:.,h]?(\d{2}))?$/);
  if (!m) return text.trim();
  return `${m[1].padStart(2, '0')}:${m[2] ?? '00'}`;
}

/**
 * Adding a business to a businesses channel: the post's title and text and the listing's fields,
 * for one of the signer's organisations of kind `business`.
 */
export default function NewListing() {
  const { t } = useI18n();
  const { me, isMember } = useAuth();
  const orgs: Organization[] = (me?.organizations ?? [])
    .filter((o) => o.kind === 'business')
    .map((o) => ({ slug: o.slug, name: o.name }));
  const [categories, retryCategories] = useLoad(() => call(api.GET('/api/v1/listing-categories')), []);
  return (
    <ChannelScreen title={t('author.listingTitle')} path="new-listing" signIn={t('author.signIn')}>
      {(channel) => {
        if (channel.kind !== 'businesses') return <p>{t('author.wrongKind')}</p>;
        if (!channel.can_post) {
          return isMember(channel.community) ? (
            <NoBusiness />
          ) : (
            <p>
              <Link to={`/c/${channel.community}`}>{t('author.listingJoin')}</Link>
            </p>
          );
        }
        if (orgs.length === 0) return <NoBusiness />;
        if (categories.state === 'loading') return <Loading />;
        if (categories.state === 'error') {
          return <ErrorState failure={categories.failure} retry={retryCategories} />;
        }
        return (
          <>
            <p>{t('author.listingIntro')}</p>
            <ListingForm channelId={channel.id} organizations={orgs} categories={categories.data} />
          </>
        );
      }}
    </ChannelScreen>
  );
}

/** Why there is no form: a listing belongs to a business registered as an organisation. */
function NoBusiness() {
  const { t } = useI18n();
  const { me } = useAuth();
  return (
    <div className="author-no-business">
      <p className="lead">{t('author.listingNoBusiness')}</p>
      <p>{t('author.listingNoBusinessHow')}</p>
      {me && isAdmin(me) && (
        <p>
          <Link to="/admin/organizations">{t('author.listingManageOrgs')}</Link>
        </p>
      )}
    </div>
  );
}

interface Row {
  key: number;
  day: string;
  opens: string;
  closes: string;
}

function ListingForm({
  channelId,
  organizations,
  categories,
}: {
  channelId: string;
  organizations: Organization[];
  categories: Category[];
}) {
  const { t, locale } = useI18n();
  const { say } = useNotice();
  const navigate = useNavigate();
  const form = useForm();
  const explain = useExplain();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [organization, setOrganization] = useState(organizations.length === 1 ? organizations[0].slug : '');
  const [category, setCategory] = useState('');
  const [address, setAddress] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [website, setWebsite] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  // The rows in the order they were sent, so a refusal of `opening_hours[2]` finds its row even
  // after rows were added or removed since.
  const sent = useRef<number[]>([]);
  const f = form.fields;
  const rowErrors = (row: Row, part: 'day' | 'opens' | 'closes'): FieldErrors[string] | undefined => {
    const i = sent.current.indexOf(row.key);
    return i < 0 ? undefined : f[`listing.opening_hours[${i}].${part}`];
  };
  const shown = (key: string) =>
    ['title', 'body'].includes(key) ||
    ['organization', 'category', 'address', 'phone', 'email', 'website'].some((k) => key === `listing.${k}`) ||
    /^listing\.opening_hours\[(\d+)\]\.(day|opens|closes)$/.test(key);

  return (
    <form
      noValidate
      className="form-narrow"
      onSubmit={form.submit(async () => {
        sent.current = rows.map((r) => r.key);
        const post = await call(
          api.POST('/api/v1/channels/{id}/posts', {
            params: { path: { id: channelId } },
            body: {
              title,
              body,
              listing: {
                organization,
                category,
                address: address.trim(),
                phone: phone.trim() || null,
                email: email.trim() || null,
                website: website.trim() || null,
                opening_hours: rows.map((r) => ({ day: r.day, opens: normaliseTime(r.opens), closes: normaliseTime(r.closes) })),
              },
            },
          }),
        );
        say(t('author.listingCreated'), true);
        navigate(`/posts/${post.id}`);
      })}
    >
      <FormProblem form={form} />
      <OtherErrors fields={f} shown={shown} />
      <SelectField
        id="organization"
        label={t('author.listingOrg')}
        hint={t('author.listingOrgHint')}
        value={organization}
        onChange={setOrganization}
        errors={explain(f['listing.organization'], { unknown: 'author.listingOrgMissing' })}
        required
      >
        {organizations.length > 1 && <option value="">{t('author.choose')}</option>}
        {organizations.map((o) => (
          <option key={o.slug} value={o.slug}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <Field id="title" label={t('author.listingFieldTitle')} hint={t('author.listingFieldTitleHint')} value={title} onChange={setTitle} errors={f.title} required />
      <Field
        id="body"
        label={t('author.listingFieldBody')}
        hint={t('author.markdownHint')}
        value={body}
        onChange={setBody}
        errors={f.body}
        multiline
        rows={5}
      />
      <SelectField
        id="category"
        label={t('biz.category')}
        value={category}
        onChange={setCategory}
        errors={explain(f['listing.category'], { unsupported: 'author.listingCategoryMissing' })}
        required
      >
        <option value="">{t('author.choose')}</option>
        {categories.map((c) => (
          <option key={c.code} value={c.code}>
            {c.labels[locale] ?? c.label}
          </option>
        ))}
      </SelectField>
      <fieldset className="mb-4">
        <legend className="h5">{t('author.listingContacts')}</legend>
        <Field id="address" label={t('biz.address')} hint={t('author.listingAddressHint')} value={address} onChange={setAddress} errors={f['listing.address']} autoComplete="street-address" />
        <Field
          id="phone"
          type="tel"
          label={t('biz.phone')}
          hint={t('author.listingPhoneHint')}
          value={phone}
          onChange={setPhone}
          errors={explain(f['listing.phone'], { invalid: 'author.listingPhoneInvalid' })}
        />
        <Field
          id="email"
          type="email"
          label={t('biz.email')}
          value={email}
          onChange={setEmail}
          errors={explain(f['listing.email'], { invalid: 'author.listingEmailInvalid' })}
        />
        <Field
          id="website"
          type="url"
          label={t('biz.website')}
          hint={t('author.listingWebsiteHint')}
          value={website}
          onChange={setWebsite}
          errors={explain(f['listing.website'], { invalid: 'author.listingWebsiteInvalid' })}
        />
      </fieldset>
      <HoursEditor rows={rows} setRows={setRows} errors={rowErrors} />
      <FormActions>
        <Button type="submit" color="primary" disabled={form.busy}>
          {form.busy ? t('post.publishing') : t('author.listingPublish')}
        </Button>
      </FormActions>
    </form>
  );
}

/**
 * The weekly opening hours as rows of day, opening and closing time. Adding a row copies the last
 * one's hours onto the next day; focus goes to the new row, and after a removal to the row that
 * took its place (or to the add button).
 */
function HoursEditor({
  rows,
  setRows,
  errors,
}: {
  rows: Row[];
  setRows: (rows: Row[]) => void;
  errors: (row: Row, part: 'day' | 'opens' | 'closes') => FieldErrors[string] | undefined;
}) {
  const { t } = useI18n();
  const { say } = useNotice();
  const explain = useExplain();
  const names = useDayNames();
  const nextKey = useRef(1);
  const addButton = useRef<HTMLButtonElement>(null);
  const [focus, setFocus] = useState<string | null>(null);
  useEffect(() => {
    if (!focus) return;
    const el = focus === 'add' ? addButton.current : document.getElementById(focus);
    el?.focus();
    setFocus(null);
  }, [focus]);

  const update = (key: number, part: 'day' | 'opens' | 'closes', value: string) =>
    setRows(rows.map((r) => (r.key === key ? { ...r, [part]: value } : r)));
  const add = () => {
    const last = rows[rows.length - 1];
    const day = last ? DAYS[(DAYS.indexOf(last.day as (typeof DAYS)[number]) + 1) % 7] : 'mon';
    const row = { key: nextKey.current++, day, opens: last?.opens ?? '', closes: last?.closes ?? '' };
    setRows([...rows, row]);
    setFocus(`hours-${row.key}-day`);
    say(t('author.hoursAdded', { n: String(rows.length + 1) }));
  };
  const remove = (index: number) => {
    const rest = rows.filter((_, i) => i !== index);
    setRows(rest);
    const next = rest[index] ?? rest[index - 1];
    setFocus(next ? `hours-${next.key}-day` : 'add');
    say(t('author.hoursRemoved', { n: String(index + 1) }));
  };

  return (
    <fieldset className="mb-4 hours-editor" aria-describedby="hours-hint">
      <legend className="h5">{t('author.hours')}</legend>
      <p id="hours-hint" className="field-hint">
        {t('author.hoursHint')}
      </p>
      {rows.length === 0 && <p>{t('author.hoursNone')}</p>}
      <ol className="list-unstyled mb-3">
        {rows.map((r, i) => {
          const n = String(i + 1);
          return (
            <li key={r.key} className="hours-row-item">
              <fieldset className="hours-row">
                <legend className="h6">{t('author.hoursRow', { n, day: names[DAYS.indexOf(r.day as (typeof DAYS)[number])] ?? r.day })}</legend>
                <SelectField
                  id={`hours-${r.key}-day`}
                  label={t('author.hoursDay')}
                  value={r.day}
                  onChange={(v) => update(r.key, 'day', v)}
                  errors={errors(r, 'day')}
                >
                  {DAYS.map((d, j) => (
                    <option key={d} value={d}>
                      {names[j]}
                    </option>
                  ))}
                </SelectField>
                <div className="hours-times">
                  <Field
                    id={`hours-${r.key}-opens`}
                    label={t('author.hoursOpens')}
                    value={r.opens}
                    onChange={(v) => update(r.key, 'opens', v)}
                    errors={explain(errors(r, 'opens'), { invalid: 'author.hoursTimeInvalid' })}
                  />
                  <Field
                    id={`hours-${r.key}-closes`}
                    label={t('author.hoursCloses')}
                    value={r.closes}
                    onChange={(v) => update(r.key, 'closes', v)}
                    errors={explain(errors(r, 'closes'), {
                      invalid: 'author.hoursTimeInvalid',
                      empty_interval: 'author.hoursSame',
                    })}
                  />
                </div>
                <div className="hours-remove">
                  <Button
                    type="button"
                    color="primary"
                    outline
                    size="sm"
                    aria-label={t('author.hoursRemoveLabel', { n })}
                    onClick={() => remove(i)}
                  >
                    {t('author.hoursRemove')}
                  </Button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <Button innerRef={addButton} type="button" color="primary" outline onClick={add}>
        {t('author.hoursAdd')}
      </Button>
    </fieldset>
  );
}
