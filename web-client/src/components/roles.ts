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
