package org.dfutools.eclipse.core.launch;

import org.dfutools.eclipse.core.operation.OperationException;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.variables.VariablesPlugin;

/** Resolves {@code ${project_loc}} and the other string variables, for the launch and for its dialog alike. */
public final class LaunchVariables {

	private LaunchVariables() {
	}

	/** The text with its variables resolved; an unknown or failing variable is a message for a person. */
	public static String resolve(String text) throws OperationException {
		try {
			return VariablesPlugin.getDefault().getStringVariableManager().performStringSubstitution(text);
		} catch (CoreException e) {
			throw new OperationException(e.getStatus().getMessage(), e);
		}
	}
}
