import { Component, type ReactNode } from 'react';

// Catches a failure to load or render the data view (its code comes in a chunk of its own), so the
// rest of the app stays usable: the user sees a message and can try again or go back.

interface Props {
  title: string;
  retry: string;
  back: string;
  onBack: () => void;
  children: ReactNode;
}

export class DataViewBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <main id="main" className="data-main data-main--failed" tabIndex={-1}>
        <div className="notice notice--error" role="alert">
          <h1 className="notice__title">{this.props.title}</h1>
          <p className="notice__detail">{error.message}</p>
          <div className="data-main__failed-actions">
            <button type="button" className="button" onClick={() => location.reload()}>
              {this.props.retry}
            </button>
            <button type="button" className="text-button" onClick={this.props.onBack}>
              {this.props.back}
            </button>
          </div>
        </div>
      </main>
    );
  }
}
