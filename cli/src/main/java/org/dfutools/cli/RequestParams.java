package org.dfutools.cli;

import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.operation.OperationException;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** A service request's parameters, read and checked as the command line's options are: a bad one is InvalidParams. */
final class RequestParams {

	private RequestParams() {
	}

	@FunctionalInterface
	interface Parsing<T> {
		T parse() throws OperationException;
	}

	/** Values the request gives, checked as the dialogs and the command line check them: a bad one is invalid params. */
	static <T> T checked(Parsing<T> parsing) {
		try {
			return parsing.parse();
		} catch (OperationException e) {
			throw invalid(e.getMessage());
		}
	}

	static BoardSelector board(JsonObject params) {
		try {
			return BoardNames.named(text(params, "board", "")); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (UsageException e) {
			throw invalid(e.getMessage());
		}
	}

	static String text(JsonObject params, String name, String otherwise) {
		JsonElement value = params == null ? null : params.get(name);
		return value == null || value.isJsonNull() ? otherwise : value.getAsString();
	}

	static boolean flag(JsonObject params, String name, boolean otherwise) {
		JsonElement value = params == null ? null : params.get(name);
		return value == null || value.isJsonNull() ? otherwise : value.getAsBoolean();
	}

	static ResponseErrorException invalid(String message) {
		return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
	}
}
