# Sourced by ./run-ide: builds the IDE product when it is missing or older than the sources.
DFU_PRODUCT_DIR="$DFU_ROOT/ide/target/products/org.dfutools.ide/linux/gtk/x86_64"

dfu_sources_newer_than_product() {
	local stamp="$DFU_PRODUCT_DIR/eclipse.ini"
	[ -f "$stamp" ] || return 0
	[ -n "$(cd "$DFU_ROOT" && find src META-INF plugin.xml plugin.properties build.properties icons feature build ide natives \
		-newer "$stamp" -type f -not -path '*/target/*' -print -quit 2>/dev/null)" ]
}

dfu_build_product_if_needed() {
	if dfu_sources_newer_than_product; then
		echo "run-ide: building the IDE (tests skipped; ./run-tests runs them)..."
		(cd "$DFU_ROOT" && ./mvnw -B -q -f build/pom.xml -DskipTests verify) || {
			echo "run-ide: the build failed; see the Maven output above." >&2
			return 1
		}
	fi
}
