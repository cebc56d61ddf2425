package org.dfutools.eclipse.ui.properties;

import org.dfutools.eclipse.core.device.Board;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.ui.views.properties.IPropertySource;

/** Lets the Properties view show a selected board, without the core knowing about the Properties view. */
public final class BoardAdapterFactory implements IAdapterFactory {

	@Override
	public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
		if (adaptable instanceof Board board && adapterType == IPropertySource.class) {
			return adapterType.cast(new BoardPropertySource(board));
		}
		return null;
	}

	@Override
	public Class<?>[] getAdapterList() {
		return new Class<?>[] { IPropertySource.class };
	}
}
