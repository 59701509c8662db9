// Changing and deleting one's own posts and comments, on the post's page.
import { useEffect, useMemo, useState } from 'react';
import { Button } from 'design-react-kit';
import { api, call, isFailure, type Failure, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { EventFields, eventBody, eventValuesOf, useEventValues, type EventValues } from './EventFields';

type PostOut = Schemas['PostOut'];
type Comment = Schemas['CommentOut'];
type Me = Schemas['MeView'];
type Event = Schemas['EventOut'];

/**
 * Whether to offer "Edit" and "Delete" on a post, by the rule the server applies: its author; for
 * a business listing, the members of the organisation that owns it and the admins. The server
 * still decides (a banned author may delete but not edit), and its refusal is shown.
 */
export function mayChangePost(me: Me | null, post: PostOut): boolean {
  if (!me) return false;
  if (post.listing) {
    const org = post.listing.organization.slug;
    return me.roles.includes('admin') || me.organizations.some((o) => o.slug === org);
  }
  return post.author.username === me.username;
}

/**
 * When the post was last changed, if it was edited. `updated_at` moves only when a local post is
 * edited; a post of another instance gets it when it arrives here, so those are left out.
 */
export function editedAt(post: PostOut): string | null {
  if (post.author.username.includes('@')) return null;
  return Date.parse(post.updated_at) > Date.parse(post.created_at) ? post.updated_at : null;
}

/**
 * The post's title and text in a form in place of the text; for an event, also its date, place
 * and places (not once it is cancelled). Only what changed is sent.
 */
export function EditPostForm({
  post,
  onSaved,
  onCancel,
}: {
  post: PostOut;
  onSaved: (p: PostOut) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const form = useForm();
  const [title, setTitle] = useState(post.title);
  const [body, setBody] = useState(post.body);
  const ev = post.event;
  const detailsEditable = !!ev && !ev.cancelled;
  const initial = useMemo(() => (ev ? eventValuesOf(ev) : null), [ev]);
  const details = useEventValues(initial ?? undefined);
  useEffect(() => {
    document.getElementById('edit-title')?.focus();
  }, []);
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <section aria-labelledby="edit-post-heading" className="edit-post my-4 p-3 rounded border">
      <h2 id="edit-post-heading" className="h4">
        {post.listing ? t('edit.editListing') : ev ? t('edit.eventHeading') : t('edit.editPost')}
      </h2>
      {ev && ev.cancelled && <p>{t('edit.eventCancelledNote')}</p>}
      {detailsEditable && <p>{t('edit.eventNotified')}</p>}
      <form
        noValidate
        onSubmit={form.submit(async () => {
          const changes: Schemas['PostChanges'] = { title, body };
          if (detailsEditable && ev && initial) {
            Object.assign(changes, eventChanges(details.values, initial, ev));
          }
          try {
            onSaved(
              await call(
                api.PATCH('/api/v1/posts/{id}', {
                  params: { path: { id: post.id } },
                  body: changes,
                }),
              ),
            );
          } catch (e) {
            // Cancelled meanwhile: the reason, in place of "check the fields" with none marked.
            if (isFailure(e) && e.fields.event?.some((x) => x.code === 'cancelled')) {
              const refusal: Failure = { ...e, code: 'event_cancelled', detail: t('edit.eventCancelledNow'), fields: {} };
              throw refusal;
            }
            throw e;
          }
        })}
      >
        <FormProblem form={form} />
        <Field
          id="edit-title"
          label={ev ? t('events.fieldTitle') : t('post.title')}
          value={title}
          onChange={setTitle}
          errors={form.fields.title}
          required
        />
        <Field
          id="edit-body"
          label={ev ? t('events.fieldBody') : t('post.body')}
          value={body}
          onChange={setBody}
          errors={form.fields.body}
          hint={t('post.bodyHint')}
          multiline
        />
        {detailsEditable && ev && (
          <EventFields
            values={details.values}
            set={details.set}
            errors={form.fields}
            prefix="edit-"
            capacityHint={t('edit.eventCapacityHint')}
            whenHint={ev.time_zone !== here ? t('edit.eventZoneHint', { zone: ev.time_zone }) : undefined}
          />
        )}
        <FormActions>
          <Button type="submit" color="primary" disabled={form.busy}>
            {form.busy ? t('edit.saving') : t('edit.save')}
          </Button>
          <Button type="button" color="secondary" outline onClick={onCancel}>
            {t('post.cancel')}
          </Button>
        </FormActions>
      </form>
    </section>
  );
}

/**
 * The event fields that differ from what the event had: a field left alone is not sent, so
 * nothing moves by rounding and attendees are told only of real changes. A place whose address
 * stays keeps its map position.
 */
function eventChanges(now: EventValues, was: EventValues, ev: Event): Partial<Schemas['PostChanges']> {
  const after = eventBody(now);
  const before = eventBody(was);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) out[key] = after[key];
  }
  const place = out.location as Schemas['LocationOut'] | null | undefined;
  if (place && place.address?.trim() === (ev.location.address ?? '').trim()) {
    out.location = { ...place, latitude: ev.location.latitude, longitude: ev.location.longitude };
  }
  return out;
}

/** "Delete" for a post, asked first; `onDeleted` runs when it is gone and the dialog closed. */
export function DeletePost({ post, onDeleted }: { post: PostOut; onDeleted: () => void }) {
  const { t } = useI18n();
  return (
    <ConfirmDelete
      id="delete-post"
      label={t('edit.delete')}
      title={t('edit.deletePostTitle')}
      text={t('edit.deletePostText', { title: post.title })}
      remove={async () => {
        await call(api.DELETE('/api/v1/posts/{id}', { params: { path: { id: post.id } } }));
      }}
      onDeleted={onDeleted}
    />
  );
}

/** A comment's text in a form in its place; on a refusal the text stays with the reason. */
export function EditCommentForm({
  comment,
  onSaved,
  onCancel,
}: {
  comment: Comment;
  onSaved: (c: Comment) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const form = useForm();
  const [body, setBody] = useState(comment.body);
  const id = `edit-comment-${comment.id}`;
  useEffect(() => {
    document.getElementById(id)?.focus();
  }, [id]);
  return (
    <form
      noValidate
      className="mt-2"
      onSubmit={form.submit(async () => {
        onSaved(
          await call(
            api.PATCH('/api/v1/comments/{id}', {
              params: { path: { id: comment.id } },
              body: { body },
            }),
          ),
        );
      })}
    >
      <FormProblem form={form} />
      <Field id={id} label={t('edit.commentText')} value={body} onChange={setBody} errors={form.fields.body} multiline rows={3} />
      <FormActions>
        <Button type="submit" color="primary" size="sm" disabled={form.busy}>
          {form.busy ? t('edit.saving') : t('edit.save')}
        </Button>
        <Button type="button" color="secondary" outline size="sm" onClick={onCancel}>
          {t('post.cancel')}
        </Button>
      </FormActions>
    </form>
  );
}

/** "Delete" for one's own comment, asked first. */
export function DeleteComment({ comment, onDeleted }: { comment: Comment; onDeleted: () => void }) {
  const { t, formatDate } = useI18n();
  return (
    <ConfirmDelete
      id={`delete-comment-${comment.id}`}
      label={t('edit.delete')}
      accessibleLabel={t('edit.deleteComment', { date: formatDate(comment.created_at) })}
      size="xs"
      title={t('edit.deleteCommentTitle')}
      text={t('edit.deleteCommentText')}
      remove={async () => {
        await call(api.DELETE('/api/v1/comments/{id}', { params: { path: { id: comment.id } } }));
      }}
      onDeleted={onDeleted}
    />
  );
}
