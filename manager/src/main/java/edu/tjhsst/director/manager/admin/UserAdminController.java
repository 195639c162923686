package edu.tjhsst.director.manager.admin;

import jakarta.validation.Valid;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import edu.tjhsst.director.manager.user.Role;
import edu.tjhsst.director.manager.user.UserRepository;

/** Lists accounts and creates new ones. */
@Controller
class UserAdminController {

	private static final String VIEW_LIST = "admin/users";

	private static final String VIEW_CREATE = "admin/user-create";

	private final UserRepository users;

	private final PasswordEncoder encoder;

	UserAdminController(UserRepository users, PasswordEncoder encoder) {
		this.users = users;
		this.encoder = encoder;
	}

	@GetMapping("/admin/users")
	String list(Model model) {
		model.addAttribute("users", users.findAll());
		return VIEW_LIST;
	}

	@GetMapping("/admin/users/new")
	String initCreationForm(Model model) {
		model.addAttribute("form", CreateUserForm.empty());
		model.addAttribute("roles", Role.values());
		return VIEW_CREATE;
	}

	@PostMapping("/admin/users/new")
	String processCreationForm(@Valid @ModelAttribute("form") CreateUserForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (!result.hasFieldErrors("username") && users.existsByUsername(form.username())) {
			result.rejectValue("username", "taken", "That user name is taken.");
		}
		if (result.hasErrors()) {
			model.addAttribute("roles", Role.values());
			return VIEW_CREATE;
		}
		try {
			users.create(form.username(), form.email().strip(), form.fullName() == null ? "" : form.fullName().strip(),
					form.role(), encoder.encode(form.password()));
		}
		catch (DuplicateKeyException ex) {
			result.rejectValue("username", "taken", "That user name is taken.");
			model.addAttribute("roles", Role.values());
			return VIEW_CREATE;
		}
		redirect.addFlashAttribute("notice", "Created the account " + form.username() + ".");
		return "redirect:/admin/users";
	}

}
