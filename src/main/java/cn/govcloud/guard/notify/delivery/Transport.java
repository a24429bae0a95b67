package cn.govcloud.guard.notify.delivery;

/** Hands one rendered notice to a mail server or a group robot. */
interface Transport {

    /** @throws DeliveryFailure when it was not accepted */
    void send(ChannelService.Endpoint endpoint, Rendered text) throws DeliveryFailure;

    /** Why a delivery was not accepted; {@code permanent} ones are not retried (nothing would change). */
    final class DeliveryFailure extends Exception {
        private final boolean permanent;

        DeliveryFailure(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        static DeliveryFailure retry(String message) {
            return new DeliveryFailure(message, false);
        }

        static DeliveryFailure permanent(String message) {
            return new DeliveryFailure(message, true);
        }

        boolean permanent() {
            return permanent;
        }
    }
}
