import type { Failure } from '../../api/client';
import { useProblemText } from '../../components/States';

/**
 * The words for a refusal about accords: ours for the code, and for a refused proof the server's
 * reason as well (which check failed), since "the signature was refused" alone helps no one.
 */
export function useAccordProblem() {
  const text = useProblemText();
  return (f: Failure): string => {
    const words = text(f);
    return f.code === 'invalid_proof' && f.detail && words !== f.detail ? `${words} (${f.detail})` : words;
  };
}
