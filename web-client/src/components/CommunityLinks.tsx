import { Link } from 'react-router';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { isFacilitator } from './roles';

/** Under a community's description: its public moderation log, and the tools of its facilitators. */
export function CommunityLinks({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { me } = useAuth();
  return (
    <ul className="d-flex flex-wrap gap-3 list-unstyled my-3">
      <li>
        <Link to={`/c/${slug}/modlog`}>{t('community.modlog')}</Link>
      </li>
      {isFacilitator(me, slug) && (
        <>
          <li>
            <Link to={`/c/${slug}/reports`}>{t('community.reports')}</Link>
          </li>
          <li>
            <Link to={`/admin?community=${encodeURIComponent(slug)}#new-channel`}>{t('community.manage')}</Link>
          </li>
        </>
      )}
    </ul>
  );
}

/** Under a post, for signed-in people: report it, or (moderators) act on it. */
export function PostModerationLink({ postId }: { postId: string }) {
  const { t } = useI18n();
  const { status } = useAuth();
  if (status !== 'signed-in') return null;
  return (
    <p className="mt-3">
      <Link to={`/posts/${postId}/moderate`}>{t('post.reportOrModerate')}</Link>
    </p>
  );
}
