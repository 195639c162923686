package edu.tjhsst.director.manager.domain;

import java.security.Principal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import edu.tjhsst.director.manager.system.CurrentUser;
import edu.tjhsst.director.manager.tls.CertificateRecord;
import edu.tjhsst.director.manager.tls.Certificates;

/**
 * The administrators' page of custom domains: every site's domains with their states, whether a proven domain needs
 * an approval before its site answers on it, and approving or rejecting (with a reason the site's owner sees).
 */
@Controller
class DomainAdminController {

	private static final String PATH = "/admin/domains";

	private final SiteDomains service;

	private final SiteDomainRepository domains;

	private final CurrentUser currentUser;

	private final Certificates certificates;

	DomainAdminController(SiteDomains service, SiteDomainRepository domains, CurrentUser currentUser,
			Certificates certificates) {
		this.certificates = certificates;
		this.service = service;
		this.domains = domains;
		this.currentUser = currentUser;
	}

	@GetMapping(PATH)
	String show(Model model) {
		List<SiteDomain> all = domains.findAll();
		Map<String, CertificateRecord> served = certificates.enabled() ? certificates.all() : null;
		model.addAttribute("domains", all);
		model.addAttribute("approvalRequired", service.approvalRequired());
		model.addAttribute("certificates", served);
		// The portal's and the sites' own names have certificates too, which no domain row shows.
		Set<String> domainNames = all.stream().map(SiteDomain::name).collect(Collectors.toSet());
		model.addAttribute("otherCertificates", served == null ? List.of() : served.values().stream()
			.filter(certificate -> !domainNames.contains(certificate.hostName()))
			.sorted(Comparator.comparing(CertificateRecord::hostName)).toList());
		model.addAttribute("now", Instant.now());
		return "admin/domains";
	}

	@PostMapping(PATH + "/approval")
	String approval(@RequestParam(name = "required", defaultValue = "false") boolean required,
			RedirectAttributes redirect) {
		service.requireApproval(required);
		redirect.addFlashAttribute("notice", required ? "Proven domains now wait for an administrator's approval."
				: "Proven domains are now active without an approval; those waiting stay waiting.");
		return "redirect:" + PATH;
	}

	@PostMapping(PATH + "/{domainId}/approve")
	String approve(@PathVariable long domainId, Principal principal, RedirectAttributes redirect) {
		try {
			SiteDomain domain = service.approve(domainId, currentUser.of(principal));
			redirect.addFlashAttribute("notice", "Approved " + domain.name() + "; " + domain.siteName()
					+ " will answer on it in a moment.");
		}
		catch (DomainRefusedException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:" + PATH;
	}

	@PostMapping(PATH + "/{domainId}/reject")
	String reject(@PathVariable long domainId, @RequestParam(name = "reason", defaultValue = "") String reason,
			Principal principal, RedirectAttributes redirect) {
		try {
			SiteDomain domain = service.reject(domainId, currentUser.of(principal), reason);
			redirect.addFlashAttribute("notice", "Rejected " + domain.name() + "; the owner of " + domain.siteName()
					+ " sees your reason.");
		}
		catch (DomainRefusedException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:" + PATH;
	}

}
