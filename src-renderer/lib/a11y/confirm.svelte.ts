// "Are you sure?" for actions that lose work (reset) or give away the answer
// (show solution). One dialog for the screen, asked through a promise.

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
}

class Confirmation {
  request = $state<ConfirmRequest | undefined>(undefined);
  private resolve: ((ok: boolean) => void) | undefined;

  ask(request: ConfirmRequest): Promise<boolean> {
    this.resolve?.(false);
    this.request = request;
    return new Promise((resolve) => (this.resolve = resolve));
  }

  answer(ok: boolean): void {
    this.resolve?.(ok);
    this.resolve = undefined;
    this.request = undefined;
  }
}

export const confirmation = new Confirmation();
export const confirmAction = (request: ConfirmRequest) => confirmation.ask(request);
