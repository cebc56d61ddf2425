package org.dfutools.eclipse.testsupport;

import java.nio.file.Path;

import org.dfutools.eclipse.core.operation.BoardSelector;
import org.dfutools.eclipse.core.flash.FlashConfiguration;

/**
 * DFU Flash configuration values for tests, each one named: a new configuration's values
 * ({@link FlashConfiguration#defaults}: alt setting 0, no DfuSe address, transfer size or extra arguments, waiting
 * {@value FlashConfiguration#DEFAULT_APPLICATION_TIMEOUT_SECONDS} s for the application, no verify) with only what a
 * test changes, e.g. {@code FlashConfigurationBuilder.of(board, file).dfuseAddress("0x08000000").verify(true).build()}.
 */
public final class FlashConfigurationBuilder {

	private BoardSelector board;
	private String firmware;
	private String alt;
	private String dfuseAddress;
	private String transferSize;
	private String extraArguments;
	private boolean waitForApplication;
	private String applicationTimeoutSeconds;
	private boolean verify;

	private FlashConfigurationBuilder(FlashConfiguration values) {
		board = values.board();
		firmware = values.firmware();
		alt = values.alt();
		dfuseAddress = values.dfuseAddress();
		transferSize = values.transferSize();
		extraArguments = values.extraArguments();
		waitForApplication = values.waitForApplication();
		applicationTimeoutSeconds = values.applicationTimeoutSeconds();
		verify = values.verify();
	}

	/** A new configuration's values for this board and firmware file (text, as typed). */
	public static FlashConfigurationBuilder of(BoardSelector board, String firmware) {
		return from(FlashConfiguration.defaults(board, firmware, FlashConfiguration.DEFAULT_APPLICATION_TIMEOUT_SECONDS));
	}

	/** A new configuration's values for this board and firmware file. */
	public static FlashConfigurationBuilder of(BoardSelector board, Path firmware) {
		return of(board, firmware.toString());
	}

	/** These values, to change some of them. */
	public static FlashConfigurationBuilder from(FlashConfiguration values) {
		return new FlashConfigurationBuilder(values);
	}

	public FlashConfigurationBuilder board(BoardSelector value) {
		board = value;
		return this;
	}

	public FlashConfigurationBuilder firmware(String value) {
		firmware = value;
		return this;
	}

	public FlashConfigurationBuilder firmware(Path value) {
		return firmware(value.toString());
	}

	public FlashConfigurationBuilder alt(String value) {
		alt = value;
		return this;
	}

	public FlashConfigurationBuilder dfuseAddress(String value) {
		dfuseAddress = value;
		return this;
	}

	public FlashConfigurationBuilder transferSize(String value) {
		transferSize = value;
		return this;
	}

	public FlashConfigurationBuilder extraArguments(String value) {
		extraArguments = value;
		return this;
	}

	public FlashConfigurationBuilder waitForApplication(boolean value) {
		waitForApplication = value;
		return this;
	}

	/** The seconds to wait for the application, as typed (a test may give one that is no number). */
	public FlashConfigurationBuilder applicationTimeoutSeconds(String value) {
		applicationTimeoutSeconds = value;
		return this;
	}

	public FlashConfigurationBuilder verify(boolean value) {
		verify = value;
		return this;
	}

	public FlashConfiguration build() {
		return new FlashConfiguration(board, firmware, alt, dfuseAddress, transferSize, extraArguments, waitForApplication,
				applicationTimeoutSeconds, verify);
	}
}
