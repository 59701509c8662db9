import type { Schemas } from '../api/client';

type Me = Schemas['MeView'] | null;

/** An instance admin. */
export const isAdmin = (me: Me) => !!me && (me.is_admin || me.roles.includes('admin'));

/** The community's facilitator (or an admin): sees the reports queue, appoints moderators. */
export function isFacilitator(me: Me, community: string) {
  return (
    isAdmin(me) ||
    !!me?.communities.some((c) => c.slug === community && c.role === 'facilitator')
  );
}

/**
 * May act on the channel's posts: facilitators and admins, and the channel's appointed moderators
 * (a person, or an organisation the person belongs to). The server decides; this only hides
 * controls that would be refused.
 */
export function isModerator(
  me: Me,
  community: string,
  moderators: Schemas['ModeratorView'][] = [],
) {
  if (!me) return false;
  if (isFacilitator(me, community)) return true;
  return moderators.some((m) =>
    m.kind === 'organization'
      ? me.organizations.some((o) => o.slug === m.name)
      : m.name === me.username,
  );
}
