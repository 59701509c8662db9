import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { useAuth } from '../auth';
import { ErrorState, Loading } from './States';
import { useLoad } from './useLoad';
import { useTitle } from './useTitle';
import { Trail } from './Trail';

/**
 * A screen for writing in one channel (`/channels/:id/{path}`): loads the channel (again when
 * the session changes, since what the reader may do there depends on it) and its
 * neighbourhood, with loading and error states, the trail and the heading; anonymous readers are
 * asked to sign in and come back. `children` draws the rest for a signed-in reader.
 */
export function ChannelScreen({
  title,
  path,
  signIn,
  children,
}: {
  title: string;
  path: string;
  signIn: string;
  children: (channel: Schemas['ChannelDetail']) => ReactNode;
}) {
  const { id = '' } = useParams();
  const { status } = useAuth();
  const [result, retry] = useLoad(async () => {
    const channel = await call(api.GET('/api/v1/channels/{id}', { params: { path: { id } } }));
    const community = await call(
      api.GET('/api/v1/communities/{slug}', { params: { path: { slug: channel.community } } }),
    );
    return { channel, community };
  }, [id, status]);
  useTitle(title);
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'error') return <ErrorState failure={result.failure} retry={retry} />;
  const { channel, community } = result.data;
  return (
    <>
      <Trail
        items={[
          { label: community.name, to: `/c/${community.slug}` },
          { label: channel.name, to: `/channels/${channel.id}` },
          { label: title },
        ]}
      />
      <h1>{title}</h1>
      {status === 'loading' && <Loading />}
      {status === 'anonymous' && (
        <p>
          <Link to={`/sign-in?next=/channels/${channel.id}/${path}`}>{signIn}</Link>
        </p>
      )}
      {status === 'signed-in' && children(channel)}
    </>
  );
}
