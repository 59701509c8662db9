import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button } from 'design-react-kit';
import { api, call, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { ErrorState, LoadMore, Loading, PagedStates } from '../components/States';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { useLoad } from '../components/useLoad';
import { usePaged } from '../components/usePaged';
import { useTitle } from '../components/useTitle';
import { Trail } from '../components/Trail';
import { KindDetails } from './kinds/KindDetails';
import { PostModerationLink } from '../components/CommunityLinks';
import { DeleteComment, DeletePost, EditCommentForm, EditPostForm, editedAt, mayChangePost } from './PostEditing';

type Comment = Schemas['CommentOut'];
type PostOut = Schemas['PostOut'];

/** One post, its threaded comments and the comment form. */
export default function Post() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { me } = useAuth();
  const { say } = useNotice();
  const navigate = useNavigate();
  // The post as its author last saved it here, over the loaded one.
  const [changed, setChanged] = useState<PostOut | null>(null);
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  // After the form closes, focus goes back to "Edit" (once it is on the page again).
  const refocus = useRef(false);
  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false;
      editButton.current?.focus();
    }
  });
  const [result, retry] = useLoad(async () => {
    const post = await call(api.GET('/api/v1/posts/{id}', { params: { path: { id } } }));
    const channel = await call(
      api.GET('/api/v1/channels/{id}', { params: { path: { id: post.channel_id } } }),
    );
    const community = await call(
      api.GET('/api/v1/communities/{slug}', { params: { path: { slug: channel.community } } }),
    );
    return { post, channel, community };
  }, [id]);
  const loaded = result.state === 'ready' ? result.data.post : null;
  const post = changed && changed.id === loaded?.id ? changed : loaded;
  useTitle(post?.title);
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'error') return <ErrorState failure={result.failure} retry={retry} />;
  if (!post) return null;
  const { channel, community } = result.data;
  const edited = editedAt(post);
  const backToEdit = () => {
    refocus.current = true;
    setEditing(false);
  };
  return (
    <>
      <Trail
        items={[
          { label: community.name, to: `/c/${community.slug}` },
          { label: channel.name, to: `/channels/${channel.id}` },
          { label: post.title },
        ]}
      />
      <article>
        <h1>{post.title}</h1>
        <p className="text-secondary-emphasis">
          {t('channel.byOn', { author: post.author.display_name, date: formatDate(post.created_at) })}
          {edited && <> · {t('edit.editedOn', { date: formatDate(edited) })}</>}
        </p>
        {editing ? (
          <EditPostForm
            post={post}
            onSaved={(p) => {
              setChanged(p);
              say(t('edit.postSaved'));
              backToEdit();
            }}
            onCancel={backToEdit}
          />
        ) : (
          // Sanitised by the server (an allow-list of Markdown's HTML).
          <div className="post-body" dangerouslySetInnerHTML={{ __html: post.body_html }} />
        )}
        {mayChangePost(me, post) && !editing && (
          <div className="owner-actions d-flex flex-wrap gap-2 my-3">
            <Button innerRef={editButton} color="primary" outline size="sm" onClick={() => setEditing(true)}>
              {t('edit.edit')}
            </Button>
            <DeletePost
              post={post}
              onDeleted={() => {
                say(t('edit.postDeleted'), true);
                navigate(`/channels/${channel.id}`);
              }}
            />
          </div>
        )}
        {/* Remade after an edit: the event's details keep their own copy of the post. */}
        <KindDetails key={post.updated_at} post={post} channel={channel} />
      </article>
      <PostModerationLink postId={post.id} />
      <Comments postId={post.id} community={channel.community} locked={post.locked} />
    </>
  );
}

function Comments({ postId, community, locked }: { postId: string; community: string; locked: boolean }) {
  const { t } = useI18n();
  const { status, isMember } = useAuth();
  const list = usePaged(
    (cursor) =>
      call(
        api.GET('/api/v1/posts/{id}/comments', {
          params: { path: { id: postId }, query: { limit: 100, cursor } },
        }),
      ),
    [postId],
  );
  const { items, setItems } = list;

  const children = useMemo(() => {
    const known = new Set(items.map((c) => c.id));
    const map = new Map<string | null, Comment[]>();
    for (const c of items) {
      // A reply whose parent is not loaded yet is shown at the top level.
      const parent = c.parent_id && known.has(c.parent_id) ? c.parent_id : null;
      map.set(parent, [...(map.get(parent) ?? []), c]);
    }
    return map;
  }, [items]);

  const canWrite = status === 'signed-in' && isMember(community) && !locked;
  const added = (c: Comment) => setItems((old) => [...old, c]);
  const changed = (c: Comment) => setItems((old) => old.map((x) => (x.id === c.id ? c : x)));

  return (
    <section aria-labelledby="comments-heading" className="mt-5">
      <h2 id="comments-heading">{t('post.comments')}</h2>
      <PagedStates list={list} empty={t('post.noComments')} />
      <Thread
        parent={null}
        tree={children}
        canWrite={canWrite}
        locked={locked}
        postId={postId}
        onAdded={added}
        onChanged={changed}
      />
      <LoadMore list={list} />
      {locked && <p className="fw-semibold">{t('post.locked')}</p>}
      {!locked && status === 'anonymous' && (
        <p>
          <Link to={`/sign-in?next=${encodeURIComponent(window.location.pathname)}`}>
            {t('post.signInToComment')}
          </Link>
        </p>
      )}
      {!locked && status === 'signed-in' && !isMember(community) && (
        <p>
          <Link to={`/c/${community}`}>{t('post.joinToComment')}</Link>
        </p>
      )}
      {canWrite && <CommentForm postId={postId} parent={null} onAdded={added} />}
    </section>
  );
}

function Thread(props: {
  parent: string | null;
  tree: Map<string | null, Comment[]>;
  canWrite: boolean;
  locked: boolean;
  postId: string;
  onAdded: (c: Comment) => void;
  onChanged: (c: Comment) => void;
}) {
  const list = props.tree.get(props.parent);
  if (!list || list.length === 0) return null;
  return (
    <ul className={props.parent ? 'comment-thread list-unstyled' : 'list-unstyled'}>
      {list.map((c) => (
        <CommentItem key={c.id} {...props} comment={c} />
      ))}
    </ul>
  );
}

function CommentItem(props: {
  comment: Comment;
  tree: Map<string | null, Comment[]>;
  canWrite: boolean;
  locked: boolean;
  postId: string;
  onAdded: (c: Comment) => void;
  onChanged: (c: Comment) => void;
}) {
  const { comment: c, ...rest } = props;
  const { t, formatDate } = useI18n();
  const { me } = useAuth();
  const { say } = useNotice();
  const [replying, setReplying] = useState(false);
  const replyButton = useRef<HTMLButtonElement>(null);
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const deletedNote = useRef<HTMLParagraphElement>(null);
  // Where focus goes after the next render: back to "Edit", or to "Comment deleted".
  const focusNext = useRef<'edit' | 'deleted' | null>(null);
  useEffect(() => {
    if (focusNext.current === 'edit' && !editing) editButton.current?.focus();
    else if (focusNext.current === 'deleted' && c.deleted) deletedNote.current?.focus();
    else return;
    focusNext.current = null;
  });
  const mine = !!me && me.username === c.author.username && !c.deleted;
  const closeEdit = () => {
    focusNext.current = 'edit';
    setEditing(false);
  };
  return (
    <li className="comment mb-3" id={`comment-${c.id}`}>
      <div className="comment-box p-3 rounded border">
        <p className="mb-1 fw-semibold">
          {c.author.display_name}{' '}
          <span className="fw-normal">· {formatDate(c.created_at)}</span>
        </p>
        {c.deleted ? (
          <p ref={deletedNote} tabIndex={-1} className="fst-italic mb-0">
            {t('post.deleted')}
          </p>
        ) : editing ? (
          <EditCommentForm
            comment={c}
            onSaved={(n) => {
              props.onChanged(n);
              say(t('edit.commentSaved'));
              closeEdit();
            }}
            onCancel={closeEdit}
          />
        ) : (
          <div className="comment-body" dangerouslySetInnerHTML={{ __html: c.body_html }} />
        )}
        {!editing && ((props.canWrite && !replying) || mine) && (
          <div className="d-flex flex-wrap gap-2 mt-2">
            {props.canWrite && !replying && (
              <Button
                innerRef={replyButton}
                color="primary"
                outline
                size="xs"
                aria-label={t('post.replyTo', { author: c.author.display_name })}
                onClick={() => setReplying(true)}
              >
                {t('post.reply')}
              </Button>
            )}
            {mine && !props.locked && (
              <Button
                innerRef={editButton}
                color="primary"
                outline
                size="xs"
                aria-label={t('edit.editComment', { date: formatDate(c.created_at) })}
                onClick={() => setEditing(true)}
              >
                {t('edit.edit')}
              </Button>
            )}
            {mine && (
              <DeleteComment
                comment={c}
                onDeleted={() => {
                  focusNext.current = 'deleted';
                  props.onChanged({ ...c, deleted: true, body: '', body_html: '' });
                  say(t('post.deleted'));
                }}
              />
            )}
          </div>
        )}
        {replying && (
          <CommentForm
            postId={props.postId}
            parent={c}
            onAdded={(n) => {
              props.onAdded(n);
              setReplying(false);
            }}
            onCancel={() => {
              setReplying(false);
              requestAnimationFrame(() => replyButton.current?.focus());
            }}
          />
        )}
      </div>
      <Thread {...rest} parent={c.id} />
    </li>
  );
}

function CommentForm({
  postId,
  parent,
  onAdded,
  onCancel,
}: {
  postId: string;
  parent: Comment | null;
  onAdded: (c: Comment) => void;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const { say } = useNotice();
  const form = useForm();
  const [body, setBody] = useState('');
  const id = parent ? `reply-${parent.id}` : 'comment';
  const label = parent
    ? t('post.replyLabel', { author: parent.author.display_name })
    : t('post.commentLabel');
  return (
    <form
      noValidate
      className="mt-3"
      onSubmit={form.submit(async () => {
        const c = await call(
          api.POST('/api/v1/posts/{id}/comments', {
            params: { path: { id: postId } },
            body: { body, parent_id: parent?.id ?? null },
          }),
        );
        setBody('');
        onAdded(c);
        say(t('post.commentSent'));
      })}
    >
      <FormProblem form={form} />
      {/* The server names the field `body`; the element id differs per form. */}
      <Field id={id} label={label} value={body} onChange={setBody} errors={form.fields.body} multiline rows={3} />
      <FormActions>
        <Button type="submit" color="primary" disabled={form.busy}>
          {form.busy ? t('post.sending') : t('post.comment')}
        </Button>
        {onCancel && (
          <Button type="button" color="secondary" outline onClick={onCancel}>
            {t('post.cancel')}
          </Button>
        )}
      </FormActions>
    </form>
  );
}
