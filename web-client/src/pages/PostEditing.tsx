// Changing and deleting one's own posts and comments, on the post's page.
import { useEffect, useState } from 'react';
import { Button } from 'design-react-kit';
import { api, call, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { ConfirmDelete } from '../components/ConfirmDelete';

type PostOut = Schemas['PostOut'];
type Comment = Schemas['CommentOut'];
type Me = Schemas['MeView'];

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

/** The post's title and text in a form in place of the text; other fields stay as they are. */
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
  useEffect(() => {
    document.getElementById('edit-title')?.focus();
  }, []);
  return (
    <section aria-labelledby="edit-post-heading" className="edit-post my-4 p-3 rounded border">
      <h2 id="edit-post-heading" className="h4">
        {post.listing ? t('edit.editListing') : t('edit.editPost')}
      </h2>
      {post.event && <p>{t('edit.eventNote')}</p>}
      <form
        noValidate
        onSubmit={form.submit(async () => {
          onSaved(
            await call(
              api.PATCH('/api/v1/posts/{id}', {
                params: { path: { id: post.id } },
                body: { title, body },
              }),
            ),
          );
        })}
      >
        <FormProblem form={form} />
        <Field id="edit-title" label={t('post.title')} value={title} onChange={setTitle} errors={form.fields.title} required />
        <Field
          id="edit-body"
          label={t('post.body')}
          value={body}
          onChange={setBody}
          errors={form.fields.body}
          hint={t('post.bodyHint')}
          multiline
        />
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
