package org.dfutools.eclipse.ui.views;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.ui.IWorkbench;
import org.osgi.service.event.EventHandler;

/**
 * Runs an action once the workbench has finished starting (at once when it has): work that can wait, such
 * as starting USB for a view restored with the workbench, does not slow the IDE's start.
 */
final class AfterWorkbenchStart {

	private AfterWorkbenchStart() {
	}

	static void run(IWorkbench workbench, Runnable action) {
		IEventBroker broker = workbench.getService(IEventBroker.class);
		if (!workbench.isStarting() || broker == null) {
			action.run();
			return;
		}
		AtomicBoolean done = new AtomicBoolean();
		EventHandler[] handler = new EventHandler[1];
		handler[0] = event -> {
			broker.unsubscribe(handler[0]);
			if (done.compareAndSet(false, true)) {
				action.run();
			}
		};
		broker.subscribe(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE, handler[0]);
		// The start may have completed between the first look and the subscription.
		if (!workbench.isStarting()) {
			handler[0].handleEvent(null);
		}
	}
}
