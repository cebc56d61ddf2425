package org.dfutools.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.dfutools.eclipse.core.device.TouchBoards;
import org.dfutools.eclipse.core.flash.FlashConfiguration;
import org.dfutools.eclipse.core.operation.OperationPreferences;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import picocli.CommandLine.Option;

/**
 * What the IDE takes from its preferences (dfu-util, the allowances, the timeouts), for the command line: the IDE's
 * defaults, then an optional config file (JSON, {@code --config} or the user's {@code dfu-tools/config.json}), then
 * the options, each overriding the one before.
 */
public final class ToolSettings {

	@Option(names = "--dfu-util", paramLabel = "PATH", description = "The dfu-util to run (default: the one on the PATH).")
	String dfuUtil;

	@Option(names = "--reenumeration-allowance", paramLabel = "MS",
			description = "How long a board may take to come back in its other mode after its detach timeout (default 5000).")
	Integer reenumerationAllowanceMs;

	@Option(names = "--dfu-util-limit", paramLabel = "SECONDS", description = "The longest one dfu-util run may take (default 300).")
	Integer dfuUtilLimitSeconds;

	@Option(names = "--application-timeout", paramLabel = "SECONDS",
			description = "How long the application may take to come back after a flash or Start Application (default 10).")
	Integer applicationTimeoutSeconds;

	@Option(names = "--parallel", paramLabel = "N", description = "How many dfu-util runs a flash of several boards lets run at once (default 8).")
	Integer parallelDfuUtil;

	@Option(names = "--touch-boards", paramLabel = "VID:PID,...",
			description = "Boards that enter DFU mode by the 1200-baud touch, besides the built-in Arduino Mbed ones.")
	String touchBoards;

	@Option(names = "--config", paramLabel = "FILE", description = "A JSON file of these settings (default: ${DEFAULT-VALUE}).",
			defaultValue = "${sys:user.home}/.config/dfu-tools/config.json")
	Path config;

	/** The settings a config file may hold, named as the options (camel case): {"dfuUtil": "/usr/bin/dfu-util", ...}. */
	static final class ConfigFile {
		String dfuUtil;
		Integer reenumerationAllowanceMs;
		Integer dfuUtilLimitSeconds;
		Integer applicationTimeoutSeconds;
		Integer parallelDfuUtil;
		String touchBoards;
	}

	/** The preferences the operations take. */
	public OperationPreferences preferences() throws UsageException {
		try {
			return read(configFile());
		} catch (IllegalArgumentException e) {
			throw new UsageException(e.getMessage());
		}
	}

	private OperationPreferences read(ConfigFile file) {
		OperationPreferences defaults = OperationPreferences.defaults();
		String tool = first(dfuUtil, file.dfuUtil).orElse(defaults.dfuUtil());
		Duration allowance = first(reenumerationAllowanceMs, file.reenumerationAllowanceMs).map(ms -> Duration.ofMillis(positive(ms, "reenumeration allowance")))
				.orElse(defaults.reenumerationAllowance());
		Duration limit = first(dfuUtilLimitSeconds, file.dfuUtilLimitSeconds).map(s -> Duration.ofSeconds(atLeastOne(s, "dfu-util limit")))
				.orElse(defaults.dfuUtilLimit());
		int parallel = first(parallelDfuUtil, file.parallelDfuUtil).map(n -> atLeastOne(n, "parallel")).orElse(defaults.parallelDfuUtil());
		return new OperationPreferences(tool, allowance, limit, parallel);
	}

	/** The boards that enter DFU mode by the 1200-baud touch: the built-in ones and those named. */
	public TouchBoards touchBoards() throws UsageException {
		try {
			return TouchBoards.withListed(first(touchBoards, configFile().touchBoards).orElse("")); //$NON-NLS-1$
		} catch (IllegalArgumentException e) {
			throw new UsageException(e.getMessage());
		}
	}

	/** How long the application may take to come back. */
	public Duration applicationTimeout() throws UsageException {
		Integer seconds = first(applicationTimeoutSeconds, configFile().applicationTimeoutSeconds)
				.orElse(Integer.valueOf(FlashConfiguration.DEFAULT_APPLICATION_TIMEOUT_SECONDS));
		if (seconds.intValue() < 1) {
			throw new UsageException("The application timeout must be at least 1: " + seconds);
		}
		return Duration.ofSeconds(seconds.intValue());
	}

	private ConfigFile configFile() throws UsageException {
		if (config == null || !Files.exists(config)) {
			return new ConfigFile();
		}
		try (Reader reader = Files.newBufferedReader(config)) {
			ConfigFile read = new Gson().fromJson(reader, ConfigFile.class);
			return read == null ? new ConfigFile() : read;
		} catch (IOException | JsonParseException e) {
			throw new UsageException("The config file " + config + " cannot be read: " + e.getMessage());
		}
	}

	private static <T> Optional<T> first(T option, T fromFile) {
		return Optional.ofNullable(option != null ? option : fromFile);
	}

	private static int positive(int value, String name) {
		if (value < 0) {
			throw new IllegalArgumentException("The " + name + " cannot be negative: " + value);
		}
		return value;
	}

	private static int atLeastOne(int value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException("The " + name + " must be at least 1: " + value);
		}
		return value;
	}
}
