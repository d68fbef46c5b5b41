interface Props {
  updateReady: boolean;
  busy: boolean;
  onUpdate(): void;
}

/** "A new version is ready": the reload waits until no file is being converted. */
export function UpdatePrompt({ updateReady, busy, onUpdate }: Props) {
  if (!updateReady) return null;
  return (
    <aside className="update" role="status" data-testid="update-prompt">
      <p>A new version of Tracewise is ready.</p>
      <button type="button" className="button" onClick={onUpdate} disabled={busy} data-testid="update-apply">
        {busy ? 'Update after the current conversions' : 'Reload to update'}
      </button>
    </aside>
  );
}
