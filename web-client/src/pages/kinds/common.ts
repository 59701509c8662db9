// Shared by the screens of the channel kinds: whole-feed loading and who may do what.
import { api, call, type Failure, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/it';
import { useProblemText } from '../../components/States';

export type Post = Schemas['PostOut'];
export type Channel = Schemas['ChannelDetail'];
export type Me = Schemas['MeView'];

/** At most this many pages of 100 are read for the screens that sort or group the whole feed. */
const MAX_PAGES = 10;

/** Every post of a channel (up to 1,000), for screens that sort or group them. */
export async function loadWholeFeed(
  channelId: string,
  filter: { category?: string | null; open_now?: boolean | null } = {},
): Promise<Post[]> {
  const all: Post[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page: Schemas['Page_PostOut'] = await call(
      api.GET('/api/v1/channels/{id}/posts', {
        params: { path: { id: channelId }, query: { limit: 100, cursor, ...filter } },
      }),
    );
    all.push(...page.items);
    cursor = page.next_cursor ?? null;
    if (!cursor) break;
  }
  return all;
}

/** Facilitators of the channel's community, instance admins and the channel's appointed people. */
export function canSteer(me: Me | null, channel: Channel): boolean {
  if (!me) return false;
  if (me.is_admin || me.roles.includes('admin')) return true;
  if (me.communities.some((c) => c.slug === channel.community && c.role === 'facilitator')) return true;
  return channel.moderators.some(
    (m) =>
      (m.kind === 'person' && m.name === me.username) ||
      (m.kind === 'organization' && me.organizations.some((o) => o.slug === m.name)),
  );
}

/**
 * Why an action without a form was refused: the reasons the server gives per field (in our words
 * for the codes we know), else the plain text of the problem.
 */
export function useReason() {
  const { t } = useI18n();
  const problemText = useProblemText();
  return (f: Failure): string => {
    const reasons = Object.values(f.fields)
      .flat()
      .map((e) => {
        const key = `field.${e.code}` as MessageKey;
        const text = t(key);
        return text !== key ? text : e.message || e.code;
      });
    return reasons.length > 0 ? reasons.join(' ') : problemText(f);
  };
}
