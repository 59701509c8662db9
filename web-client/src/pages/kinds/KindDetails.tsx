import type { Channel, Post } from './common';
import { EventDetails } from './Events';
import { ProcessDetails, ProposalDetails } from './Codesign';
import { ListingDetails } from './Businesses';
import { AnnouncementDetails } from './Announcements';

/** What a post's channel kind adds to its page: the event, the process, the listing... */
export function KindDetails({ post, channel }: { post: Post; channel: Channel }) {
  if (post.event) return <EventDetails post={post} channel={channel} />;
  if (post.process) return <ProcessDetails post={post} channel={channel} />;
  if (post.kind === 'codesign' && post.parent_id) return <ProposalDetails post={post} channel={channel} />;
  if (post.listing) return <ListingDetails post={post} />;
  if (post.kind === 'announcements') return <AnnouncementDetails post={post} />;
  return null;
}
