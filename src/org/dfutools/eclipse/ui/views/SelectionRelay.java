package org.dfutools.eclipse.ui.views;

import org.eclipse.core.runtime.ListenerList;
import org.eclipse.core.runtime.SafeRunner;
import org.eclipse.jface.viewers.IPostSelectionProvider;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.StructuredViewer;

/**
 * The site's selection provider for a viewer that is built later. The workbench reads a part's selection
 * provider once, when the part is created; this one is there from the start, is empty until it is given the
 * viewer, and then passes on the viewer's selection and its changes (plain and post-selection).
 */
final class SelectionRelay implements IPostSelectionProvider {

	private final ListenerList<ISelectionChangedListener> listeners = new ListenerList<>();
	private final ListenerList<ISelectionChangedListener> postListeners = new ListenerList<>();
	private StructuredViewer viewer;

	/** From now on, the selection is this viewer's. */
	void relayFrom(StructuredViewer source) {
		viewer = source;
		source.addSelectionChangedListener(event -> notify(listeners, event));
		source.addPostSelectionChangedListener(event -> notify(postListeners, event));
	}

	/**
	 * Tells the listeners again what is selected: the selected rows now hold newer records of the same boards
	 * (a refresh keeps the selection by board id, so the viewer itself stays silent), and the Properties view
	 * and the commands' enablement must see them.
	 */
	void selectedElementsChanged() {
		if (viewer != null) {
			// Without the viewer's comparer: by board id the new selection equals the old, and listeners such
			// as the Properties view would ignore it.
			ISelection now = new StructuredSelection(((IStructuredSelection) viewer.getSelection()).toList());
			SelectionChangedEvent event = new SelectionChangedEvent(viewer, now);
			notify(listeners, event);
			notify(postListeners, event);
		}
	}

	@Override
	public ISelection getSelection() {
		return viewer == null ? StructuredSelection.EMPTY : viewer.getSelection();
	}

	@Override
	public void setSelection(ISelection selection) {
		if (viewer != null) {
			viewer.setSelection(selection);
		}
	}

	@Override
	public void addSelectionChangedListener(ISelectionChangedListener listener) {
		listeners.add(listener);
	}

	@Override
	public void removeSelectionChangedListener(ISelectionChangedListener listener) {
		listeners.remove(listener);
	}

	@Override
	public void addPostSelectionChangedListener(ISelectionChangedListener listener) {
		postListeners.add(listener);
	}

	@Override
	public void removePostSelectionChangedListener(ISelectionChangedListener listener) {
		postListeners.remove(listener);
	}

	private void notify(ListenerList<ISelectionChangedListener> to, SelectionChangedEvent event) {
		SelectionChangedEvent relayed = new SelectionChangedEvent(this, event.getSelection());
		for (ISelectionChangedListener listener : to) {
			SafeRunner.run(() -> listener.selectionChanged(relayed));
		}
	}
}
