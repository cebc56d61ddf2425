package org.dfutools.eclipse.ui.serial;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuCreator;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.ToolItem;
import org.dfutools.eclipse.ui.internal.Messages;

/** A toolbar button that shows a value and drops down the values to choose from (a baud rate, a line ending). */
final class ChoiceAction<T> extends Action implements IMenuCreator {

	private final String what;
	private final List<T> choices;
	private final Function<T, String> label;
	private final Supplier<T> current;
	private final Consumer<T> choose;
	private Menu menu;

	ChoiceAction(String what, List<T> choices, Function<T, String> label, Supplier<T> current, Consumer<T> choose) {
		super(what, IAction.AS_DROP_DOWN_MENU);
		this.what = what;
		this.choices = choices;
		this.label = label;
		this.current = current;
		this.choose = choose;
		setMenuCreator(this);
		update();
	}

	/** The button's text and tooltip as the value is now. */
	void update() {
		String value = label.apply(current.get());
		setText(value);
		setToolTipText(NLS.bind(Messages.SerialMonitor_choiceTip, what, value));
	}

	/** A click on the button itself drops the list down too: there is no one thing it would do. */
	@Override
	public void runWithEvent(Event event) {
		if (event.widget instanceof ToolItem item) {
			Menu dropDown = getMenu(item.getParent());
			Rectangle bounds = item.getBounds();
			dropDown.setLocation(item.getParent().toDisplay(bounds.x, bounds.y + bounds.height));
			dropDown.setVisible(true);
		}
	}

	@Override
	public Menu getMenu(Control parent) {
		disposeMenu();
		menu = new Menu(parent);
		fill(menu);
		return menu;
	}

	@Override
	public Menu getMenu(Menu parent) {
		return null;
	}

	private void fill(Menu into) {
		T now = current.get();
		for (T choice : choices) {
			Action item = new Action(label.apply(choice), IAction.AS_RADIO_BUTTON) {
				@Override
				public void run() {
					if (isChecked()) {
						choose.accept(choice);
						update();
					}
				}
			};
			item.setChecked(choice.equals(now));
			new ActionContributionItem(item).fill(into, -1);
		}
	}

	private void disposeMenu() {
		if (menu != null && !menu.isDisposed()) {
			menu.dispose();
		}
		menu = null;
	}

	@Override
	public void dispose() {
		disposeMenu();
	}
}
