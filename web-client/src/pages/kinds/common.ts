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

/**
 * Whether the reader moderates the channel (its facilitators, instance admins and appointed
 * people), as the server says: it moves co-design phases, records decisions, cancels events.
 */
export function canSteer(channel: Channel): boolean {
  return channel.can_moderate;
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
